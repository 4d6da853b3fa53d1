using System.Text;

namespace Wnn.Ram.Text;

/// <summary>
/// Word-level tokenizer: words are whitespace-separated; the vocabulary is <c>&lt;unk&gt;</c> (id 0) followed by the
/// most frequent training words (descending count, ties in ordinal order). Unknown words encode as <c>&lt;unk&gt;</c>.
/// </summary>
public sealed class WordTokenizer : ITokenizer
{
    /// <summary>The unknown-word token, always id 0.</summary>
    public const string Unknown = "<unk>";

    private readonly string[] words;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> idOf;

    private WordTokenizer(string[] words)
    {
        this.words = words;
        var ids = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++)
        {
            ids.Add(words[i], i);
        }

        idOf = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        Name = $"word{words.Length}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Serialize(words)))[..12]}";
    }

    /// <summary>"word", the vocabulary size and the start of the SHA-256 of the vocabulary file.</summary>
    public string Name { get; }

    /// <summary>Number of words including <c>&lt;unk&gt;</c>.</summary>
    public int VocabularySize => words.Length;

    /// <summary>Always null: words have no end-of-text token.</summary>
    public int? EndOfText => null;

    /// <summary>The vocabulary in id order; entry 0 is <c>&lt;unk&gt;</c>.</summary>
    public IReadOnlyList<string> Words => words;

    /// <summary>
    /// Builds the vocabulary from <paramref name="trainingText"/>: <c>&lt;unk&gt;</c> plus its <paramref name="maxWords"/>
    /// most frequent words (a literal <c>&lt;unk&gt;</c> in the text is the same token and does not take a place).
    /// </summary>
    public static WordTokenizer Build(string trainingText, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(trainingText);
        if (maxWords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWords), maxWords, "the word vocabulary needs at least 1 word");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (Range range in SplitWords(trainingText))
        {
            ReadOnlySpan<char> word = trainingText.AsSpan(range);
            if (lookup.TryGetValue(word, out int count))
            {
                lookup[word] = count + 1;
            }
            else
            {
                lookup[word] = 1;
            }
        }

        counts.Remove(Unknown);
        string[] top = counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(maxWords)
            .Select(pair => pair.Key)
            .ToArray();
        return new WordTokenizer([Unknown, .. top]);
    }

    /// <summary>
    /// Reads a vocabulary file written by <see cref="Save"/>: one word per line in id order. <c>&lt;unk&gt;</c> must be
    /// the first line; a file without it gets it prepended.
    /// </summary>
    public static WordTokenizer Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataException($"word vocabulary file '{path}' does not exist; expected one word per line, '<unk>' first");
        }

        var list = new List<string>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.AsSpan().IndexOfAny(" \t\r\f\v\u00a0") >= 0 || line.Trim().Length != line.Length)
            {
                throw new DataException($"word vocabulary file '{path}' line {lineNumber}: a word cannot contain whitespace");
            }

            list.Add(line);
        }

        if (list.Count == 0 || list[0] != Unknown)
        {
            list.Remove(Unknown);
            list.Insert(0, Unknown);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in list)
        {
            if (!seen.Add(word))
            {
                throw new DataException($"word vocabulary file '{path}': word '{word}' appears twice");
            }
        }

        return new WordTokenizer([.. list]);
    }

    /// <summary>Writes the vocabulary, one word per line in id order, atomically (temp file + rename).</summary>
    public void Save(string path) => AtomicFile.Write(path, Serialize(words));

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 5);
        foreach (Range range in SplitWords(text))
        {
            ids.Add(idOf.TryGetValue(text.AsSpan(range), out int id) ? id : 0);
        }

        return [.. ids];
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> tokens)
    {
        var builder = new StringBuilder(tokens.Length * 6);
        foreach (int id in tokens)
        {
            if ((uint)id >= (uint)words.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), id, $"token id must be in [0, {words.Length})");
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(words[id]);
        }

        return builder.ToString();
    }

    private static byte[] Serialize(string[] words) => Encoding.UTF8.GetBytes(string.Join('\n', words) + "\n");

    /// <summary>Ranges of the maximal runs of non-whitespace characters.</summary>
    private static IEnumerable<Range> SplitWords(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return new Range(start, i);
            }
        }
    }
}
