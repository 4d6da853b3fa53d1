using System.Globalization;
using System.Text;

namespace Wnn.Ram.Text;

/// <summary>
/// The GPT-2 pre-tokenization pattern (<see cref="Gpt2Tokenizer.Pattern"/>) matched over Unicode code points, as
/// tiktoken's regex engine does. .NET's regex works on UTF-16 code units, where a letter or digit outside the Basic
/// Multilingual Plane (𝐀, 𐌰, 𝟏) is two surrogates of category Cs and so falls into <c>[^\s\p{L}\p{N}]</c>; this
/// scanner decodes surrogate pairs first. Unpaired surrogates count as "other" (their UTF-8 is U+FFFD).
/// </summary>
internal static class Gpt2PreTokenizer
{
    private enum Kind : byte
    {
        Letter,
        Number,
        Space,
        Other,
    }

    /// <summary>The length in chars of the piece that starts at <paramref name="start"/> (which must be inside the text).</summary>
    public static int PieceLength(ReadOnlySpan<char> text, int start)
    {
        int i = start;
        char c = text[i];

        // 's 't 're 've 'm 'll 'd (case-sensitive, as in GPT-2).
        if (c == '\'' && i + 1 < text.Length)
        {
            char d = text[i + 1];
            if (d is 's' or 't' or 'm' or 'd')
            {
                return 2;
            }

            if (i + 2 < text.Length && ((d == 'r' && text[i + 2] == 'e') || (d == 'v' && text[i + 2] == 'e') || (d == 'l' && text[i + 2] == 'l')))
            {
                return 3;
            }
        }

        Kind kind = KindAt(text, i, out int width);
        if (kind != Kind.Space)
        {
            // ?\p{L}+ | ?\p{N}+ | ?[^\s\p{L}\p{N}]+ : a run of one kind.
            return RunEnd(text, i + width, kind) - start;
        }

        // A space before a non-space starts that run: " word", " 42", " ...".
        if (c == ' ' && i + 1 < text.Length)
        {
            Kind next = KindAt(text, i + 1, out int nextWidth);
            if (next != Kind.Space)
            {
                return RunEnd(text, i + 1 + nextWidth, next) - start;
            }
        }

        // \s+(?!\S) | \s+ : the whitespace run, less its last char when a non-space follows (that char then leads the
        // next piece), unless the run is a single char.
        int end = i + 1;
        while (end < text.Length && char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return end < text.Length && end - start > 1 ? end - 1 - start : end - start;
    }

    private static int RunEnd(ReadOnlySpan<char> text, int i, Kind kind)
    {
        while (i < text.Length && KindAt(text, i, out int width) == kind)
        {
            i += width;
        }

        return i;
    }

    private static Kind KindAt(ReadOnlySpan<char> text, int i, out int width)
    {
        char c = text[i];
        width = 1;
        if (c < 0x80)
        {
            // ASCII: the common case, without a category lookup.
            return c switch
            {
                >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Kind.Letter,
                >= '0' and <= '9' => Kind.Number,
                ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => Kind.Space,
                _ => Kind.Other,
            };
        }

        UnicodeCategory category;
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            category = Rune.GetUnicodeCategory(new Rune(c, text[i + 1]));
        }
        else
        {
            if (char.IsWhiteSpace(c))
            {
                return Kind.Space;
            }

            category = char.GetUnicodeCategory(c);
        }

        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Kind.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Kind.Number,
            _ => Kind.Other,
        };
    }
}
