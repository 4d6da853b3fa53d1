using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

/// <summary>
/// Our GPT-2 tokenizer against js-tiktoken (npm, the package <c>wnn data fetch</c> takes the ranks from) on random
/// Unicode lines: letters and digits inside and outside the Basic Multilingual Plane, contractions, every kind of white
/// space, marks, symbols, emoji. Needs node and npm; without them the test fails and says so.
/// </summary>
public sealed class Gpt2TiktokenFuzzTests
{
    private static readonly Lazy<Gpt2Tokenizer> Tokenizer = new(() => Gpt2Tokenizer.Load(SharedData.Gpt2RankFile));

    [Fact]
    public void Surrogate_pair_letters_before_a_contraction_split_as_in_tiktoken()
    {
        // tiktoken: ".", "𝐀", "'t", "9", "a" (the regex engine sees code points); UTF-16 regex saw ".𝐀'" + "t".
        Assert.Equal<string[]>([".", "𝐀", "'t", "9", "a"], Pieces(".𝐀't9a"));
        Assert.Equal<string[]>(["𐌰", "'s", " 𝟏𝟐", "'ll"], Pieces("𐌰's 𝟏𝟐'll"));
        Assert.Equal<string[]>([" ", " a", "\n\n", " b", "\t"], Pieces("  a\n\n b\t"));
    }

    [Fact]
    public void Random_unicode_lines_encode_as_js_tiktoken_does()
    {
        string[] lines = RandomLines(new Random(20261201), 3000);
        int?[][] expected = JsTiktoken.Encode(lines);
        int compared = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (expected[i] is not { } ids)
            {
                continue;
            }

            compared++;
            int[] ours = Tokenizer.Value.Encode(lines[i]);
            if (!ours.SequenceEqual(ids.Select(id => id!.Value)))
            {
                mismatches.Add($"{Escape(lines[i])}: ours [{string.Join(',', ours)}], js-tiktoken [{string.Join(',', ids)}]");
            }
        }

        Assert.True(compared >= lines.Length * 9 / 10, $"only {compared} of {lines.Length} lines had code points that node's Unicode tables know");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} lines differ, e.g.\n" + string.Join('\n', mismatches.Take(5)));
    }

    private static string[] Pieces(string text)
    {
        var pieces = new List<string>();
        for (int at = 0, length; at < text.Length; at += length)
        {
            length = Gpt2PreTokenizer.PieceLength(text, at);
            pieces.Add(text.Substring(at, length));
        }

        return [.. pieces];
    }

    private static string Escape(string s) =>
        string.Concat(s.EnumerateRunes().Select(r => r.Value is >= 0x20 and < 0x7F ? ((char)r.Value).ToString() : $"\\u{{{r.Value:X}}}"));

    // U+0085 and U+FEFF are left out: JavaScript's \s differs from tiktoken's (Rust, Unicode White_Space) on exactly
    // these two (JS: FEFF is space, 0085 is not), so js-tiktoken is no reference there; we follow tiktoken.
    private static readonly string[] Spaces = [" ", " ", " ", "\t", "\n", "\r", "\v", "\f", "\u00A0", "\u1680", "\u2000", "\u2005", "\u200A",
        "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\r\n", "  "];

    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'", "''", "’s"];

    /// <summary>Code point ranges to draw from (astral letters and digits, emoji, CJK, marks, scripts).</summary>
    private static readonly (int From, int To)[] Ranges =
    [
        (0x1D400, 0x1D7FF), (0x10330, 0x1034A), (0x10400, 0x1044F), (0x1F300, 0x1F64F), (0x20000, 0x2A6DF), (0x0300, 0x036F),
        (0x0391, 0x03C9), (0x0410, 0x044F), (0x0600, 0x06FF), (0x0900, 0x097F), (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
        (0x2070, 0x218F), (0x2460, 0x24FF), (0x00A1, 0x024F), (0x1F100, 0x1F1FF), (0x12000, 0x1236E), (0xFF10, 0xFF5A), (0x1E900, 0x1E95F),
    ];

    private static string[] RandomLines(Random random, int count)
    {
        var lines = new string[count];
        var sb = new StringBuilder();
        for (int n = 0; n < count; n++)
        {
            sb.Clear();
            int units = random.Next(1, 24);
            for (int u = 0; u < units; u++)
            {
                switch (random.Next(10))
                {
                    case 0 or 1:
                        sb.Append((char)random.Next(0x21, 0x7F));
                        break;
                    case 2:
                        sb.Append("abcXYZ019"[random.Next(9)]);
                        break;
                    case 3:
                        sb.Append(Contractions[random.Next(Contractions.Length)]);
                        break;
                    case 4:
                        sb.Append(Spaces[random.Next(Spaces.Length)]);
                        break;
                    case 5 or 6:
                        (int from, int to) = Ranges[random.Next(Ranges.Length)];
                        AppendAssigned(sb, random, from, to);
                        break;
                    case 7:
                        AppendAssigned(sb, random, 0x80, 0xFFFF);
                        break;
                    default:
                        AppendAssigned(sb, random, 0x10000, 0x3FFFF);
                        break;
                }
            }

            lines[n] = sb.ToString();
        }

        return lines;
    }

    /// <summary>Appends a random code point of [from, to] that is assigned (and not a surrogate, U+0085 or U+FEFF).</summary>
    private static void AppendAssigned(StringBuilder sb, Random random, int from, int to)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            int cp = random.Next(from, to + 1);
            if (cp is >= 0xD800 and <= 0xDFFF or 0x85 or 0xFEFF)
            {
                continue;
            }

            var rune = new Rune(cp);
            if (Rune.GetUnicodeCategory(rune) is not UnicodeCategory.OtherNotAssigned)
            {
                sb.Append(rune.ToString());
                return;
            }
        }
    }
}
