using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Text.RegularExpressions;

namespace Wnn.Ram.Text;

/// <summary>Reads corpora in the formats of <see cref="CorpusFormat"/> into one text string.</summary>
public static partial class CorpusReader
{
    /// <summary>The accepted format names, for messages.</summary>
    public const string FormatNames = "wikitext (WikiText token file), text (plain UTF-8), brown (Brown corpus directory or word/tag file)";

    /// <summary>Parses a format name (wikitext, text, brown; any case).</summary>
    public static CorpusFormat ParseFormat(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "WIKITEXT" => CorpusFormat.WikiText,
        "TEXT" => CorpusFormat.Text,
        "BROWN" => CorpusFormat.Brown,
        _ => throw new DataException($"unknown corpus format '{name}'; accepted: {FormatNames}"),
    };

    /// <summary>
    /// Reads <paramref name="path"/> as <paramref name="format"/>. For <see cref="CorpusFormat.Brown"/> the path may be a
    /// directory: its corpus files (<see cref="BrownFiles"/>) are read in name order and joined with a space.
    /// </summary>
    public static string ReadText(string path, CorpusFormat format)
    {
        if (format == CorpusFormat.Brown && Directory.Exists(path))
        {
            return ReadBrown(BrownFiles(path));
        }

        if (!File.Exists(path))
        {
            string what = Directory.Exists(path) ? "is a directory, not a file" : "does not exist";
            throw new DataException($"corpus file '{path}' {what}; accepted formats: {FormatNames}");
        }

        string text = ReadUtf8(path);
        return format == CorpusFormat.Brown ? StripBrownTags(text) : JoinLines(text);
    }

    /// <summary>Reads Brown corpus files and joins their words with single spaces, in the given order.</summary>
    public static string ReadBrown(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var builder = new StringBuilder();
        foreach (string file in files)
        {
            if (!File.Exists(file))
            {
                throw new DataException($"Brown corpus file '{file}' does not exist; accepted formats: {FormatNames}");
            }

            string words = StripBrownTags(ReadUtf8(file));
            if (words.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(words);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reads a corpus file as UTF-8 text: a leading UTF-8 byte order mark is dropped; invalid UTF-8 (binary,
    /// compressed or UTF-16 files) and NUL bytes are refused with a <see cref="DataException"/> naming the byte offset.
    /// </summary>
    public static string ReadUtf8(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> span = bytes;
        int bom = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        span = span[bom..];
        int nul = span.IndexOf((byte)0);
        char[] chars = new char[span.Length];
        OperationStatus status = Utf8.ToUtf16(span, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done && (nul < 0 || read < nul))
        {
            throw new DataException($"corpus file '{path}' is not UTF-8 text: invalid UTF-8 at byte {bom + read} "
                + "(a binary, compressed or UTF-16 file?); expected UTF-8 text");
        }

        if (nul >= 0)
        {
            throw new DataException($"corpus file '{path}' contains a NUL byte at byte {bom + nul} (a binary file?); expected UTF-8 text");
        }

        return new string(chars, 0, written);
    }

    /// <summary>The corpus files of a Brown directory (names like ca01 … cr09), in ordinal name order.</summary>
    public static IReadOnlyList<string> BrownFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataException($"Brown corpus directory '{directory}' does not exist; accepted formats: {FormatNames}");
        }

        string[] files = Directory.GetFiles(directory)
            .Where(f => BrownFileName().IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new DataException($"Brown corpus directory '{directory}' has no corpus files (names like ca01 … cr09)");
        }

        return files;
    }

    /// <summary>Drops blank lines and joins the others with a single space, keeping their text as is.</summary>
    public static string JoinLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(line);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Turns Brown <c>word/tag</c> tokens into words joined by single spaces: the tag is what follows the LAST '/'
    /// (words may contain '/'); a token without '/' is kept whole.
    /// </summary>
    public static string StripBrownTags(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length / 2);
        ReadOnlySpan<char> span = text;
        int i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            int start = i;
            while (i < span.Length && !char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            ReadOnlySpan<char> token = span[start..i];
            int slash = token.LastIndexOf('/');
            ReadOnlySpan<char> word = slash > 0 ? token[..slash] : token;
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word);
        }

        return builder.ToString();
    }

    [GeneratedRegex("^c[a-z][0-9][0-9]$")]
    private static partial Regex BrownFileName();
}
