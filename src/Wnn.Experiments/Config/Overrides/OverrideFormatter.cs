using System.Globalization;
using System.Text;

namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// Writes values back the way Hydra does (what goes into a job's <c>.hydra/overrides.yaml</c>): floats as Python's repr
/// (<c>1e-05</c>, <c>0.7000000000000001</c>, <c>1.0</c>), bools as <c>True</c>/<c>False</c>, null as <c>null</c>, plain
/// strings with <c>\()[]{}:=, </c> and tab escaped by a backslash, quoted strings re-quoted with their quote, lists
/// <c>[a,b]</c> and dicts <c>{k:v}</c>.
/// </summary>
public static class OverrideFormatter
{
    private const string Special = "\\()[]{}:=, \t";

    /// <summary>The element as Hydra writes it; <paramref name="spaceAfterSeparator"/> writes <c>, </c> and <c>: </c>.</summary>
    public static string Format(OverrideElement element, bool spaceAfterSeparator = false)
    {
        ArgumentNullException.ThrowIfNull(element);
        var sb = new StringBuilder();
        Append(sb, element, spaceAfterSeparator);
        return sb.ToString();
    }

    /// <summary>Python's <c>repr()</c> of a float: the shortest round-trip digits, fixed notation for 1e-4 &lt;= |x| &lt; 1e16.</summary>
    public static string FormatFloat(double value) => PythonFloat.Repr(value);

    /// <summary>Escapes the characters Hydra's lexer reserves in unquoted strings (<c>\()[]{}:=,</c>, space, tab).</summary>
    public static string EscapeSpecialCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A quoted string with its quotes, escaped so that it parses back to the same text: the quote character becomes
    /// <c>\'</c> and every run of backslashes right before a quote (or the closing quote) is doubled.
    /// </summary>
    public static string Quote(string text, char quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 4).Append(quote);
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                int run = i;
                while (run < text.Length && text[run] == '\\')
                {
                    run++;
                }

                int n = run - i;
                bool beforeQuote = run == text.Length || text[run] == quote;
                sb.Append('\\', beforeQuote ? 2 * n : n);
                i = run;
                continue;
            }

            if (text[i] == quote)
            {
                sb.Append('\\');
            }

            sb.Append(text[i]);
            i++;
        }

        return sb.Append(quote).ToString();
    }

    private static void Append(StringBuilder sb, OverrideElement element, bool space)
    {
        switch (element)
        {
            case NullElement:
                sb.Append("null");
                break;
            case BoolElement b:
                sb.Append(b.Value ? "True" : "False");
                break;
            case IntElement i:
                sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatElement f:
                sb.Append(PythonFloat.Repr(f.Value));
                break;
            case StringElement s:
                sb.Append(EscapeSpecialCharacters(s.Value));
                break;
            case QuotedStringElement q:
                sb.Append(Quote(q.Text, q.Quote));
                break;
            case ListElement l:
                sb.Append('[');
                for (int k = 0; k < l.Items.Count; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(space ? ", " : ",");
                    }

                    Append(sb, l.Items[k], space);
                }

                sb.Append(']');
                break;
            case DictElement d:
                sb.Append('{');
                for (int k = 0; k < d.Entries.Count; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(space ? ", " : ",");
                    }

                    // Hydra formats keys without the space option, values with it.
                    Append(sb, d.Entries[k].Key, false);
                    sb.Append(space ? ": " : ":");
                    Append(sb, d.Entries[k].Value, space);
                }

                sb.Append('}');
                break;
            default:
                throw new ArgumentException($"unknown element type {element.GetType().Name}", nameof(element));
        }
    }
}
