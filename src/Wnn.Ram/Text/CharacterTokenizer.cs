using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wnn.Ram.Text;

/// <summary>
/// Character-level tokenizer over Unicode scalar values: id 0 is unknown, then every character of the training text
/// by descending count (ties by code point). Unknown characters encode as 0 and decode as U+FFFD.
/// </summary>
public sealed class CharacterTokenizer : ITokenizer
{
    private readonly Rune[] characters;
    private readonly Dictionary<Rune, int> idOf;

    private CharacterTokenizer(Rune[] characters)
    {
        this.characters = characters;
        idOf = new Dictionary<Rune, int>(characters.Length);
        for (int i = 1; i < characters.Length; i++)
        {
            idOf.Add(characters[i], i);
        }

        var listing = new StringBuilder();
        for (int i = 1; i < characters.Length; i++)
        {
            listing.Append(characters[i].Value.ToString("X", CultureInfo.InvariantCulture)).Append('\n');
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
        Name = $"char{characters.Length}-{hash[..12]}";
    }

    /// <summary>"char", the vocabulary size and the start of a SHA-256 of the character list.</summary>
    public string Name { get; }

    /// <summary>Distinct training characters + 1 (unknown).</summary>
    public int VocabularySize => characters.Length;

    /// <summary>Always null.</summary>
    public int? EndOfText => null;

    /// <summary>The characters in id order; entry 0 (unknown) is U+FFFD.</summary>
    public IReadOnlyList<Rune> Characters => characters;

    /// <summary>Builds the vocabulary from every character of <paramref name="trainingText"/>.</summary>
    public static CharacterTokenizer Build(string trainingText)
    {
        ArgumentNullException.ThrowIfNull(trainingText);
        var counts = new Dictionary<Rune, int>();
        foreach (Rune rune in trainingText.EnumerateRunes())
        {
            counts[rune] = counts.GetValueOrDefault(rune) + 1;
        }

        Rune[] ordered = counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key.Value).Select(pair => pair.Key).ToArray();
        return new CharacterTokenizer([Rune.ReplacementChar, .. ordered]);
    }

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            ids.Add(idOf.GetValueOrDefault(rune));
        }

        return [.. ids];
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> tokens)
    {
        var builder = new StringBuilder(tokens.Length);
        foreach (int id in tokens)
        {
            if ((uint)id >= (uint)characters.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), id, $"token id must be in [0, {characters.Length})");
            }

            builder.Append(characters[id].ToString());
        }

        return builder.ToString();
    }
}
