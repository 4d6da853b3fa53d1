using System.Globalization;
using System.Text;

namespace Wnn.Experiments.Config.Overrides;

/// <summary>Python's <c>repr(float)</c> and <c>float(str)</c>, which Hydra uses to write and read floats.</summary>
internal static class PythonFloat
{
    /// <summary>The shortest digits that round-trip, laid out as Python does: fixed for 1e-4 &lt;= |x| &lt; 1e16, else <c>1e-05</c> style.</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // .NET's "R" is the shortest round-trip string (like Python's repr); re-lay its digits the way Python does.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        int exp10 = e >= 0 ? int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        string mantissa = e >= 0 ? r[..e] : r;
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        string all = intPart + fracPart;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        string digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        // value = 0.digits * 10^decpt
        int decpt = intPart.Length - lead + exp10;
        var sb = new StringBuilder();
        if (value < 0)
        {
            sb.Append('-');
        }

        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0)
            {
                sb.Append("0.").Append('0', -decpt).Append(digits);
            }
            else if (decpt >= digits.Length)
            {
                sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
            }
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            int x = decpt - 1;
            sb.Append('e').Append(x < 0 ? '-' : '+').Append(Math.Abs(x).ToString("00", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Python's <c>float(s)</c>: surrounding whitespace, sign, digits with single underscores, exponent, inf/infinity/nan.</summary>
    public static bool TryParse(string text, out double value)
    {
        string s = text.Trim(' ', '\t', '\n', '\r', '\f', '\v');
        string body = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? s[1..] : s;
        bool negative = s.Length > 0 && s[0] == '-';
        string lower = body.ToLowerInvariant();
        if (lower is "inf" or "infinity")
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (lower == "nan")
        {
            value = double.NaN;
            return true;
        }

        value = 0;
        if (!IsDecimalLiteral(body))
        {
            return false;
        }

        return double.TryParse((negative ? "-" : "") + body.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Python's <c>int(s)</c> for base 10: whitespace, sign, digits with single underscores between them.</summary>
    public static bool TryParseInt(string text, out long value)
    {
        string s = text.Trim(' ', '\t', '\n', '\r', '\f', '\v');
        string body = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? s[1..] : s;
        value = 0;
        if (!IsDigitRun(body, 0, out int end) || end != body.Length)
        {
            return false;
        }

        return long.TryParse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    // digits ['.' digits] or '.' digits, then optional exponent; digits = DIGIT ('_'? DIGIT)*
    private static bool IsDecimalLiteral(string s)
    {
        int i = 0;
        bool intDigits = IsDigitRun(s, i, out int end);
        if (intDigits)
        {
            i = end;
        }

        bool fracDigits = false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fracDigits = IsDigitRun(s, i, out end);
            if (fracDigits)
            {
                i = end;
            }
        }

        if (!intDigits && !fracDigits)
        {
            return false;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (!IsDigitRun(s, i, out end))
            {
                return false;
            }

            i = end;
        }

        return i == s.Length;
    }

    private static bool IsDigitRun(string s, int start, out int end)
    {
        end = start;
        if (start >= s.Length || !char.IsAsciiDigit(s[start]))
        {
            return false;
        }

        int i = start + 1;
        while (i < s.Length)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                i++;
            }
            else if (s[i] == '_' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        end = i;
        return true;
    }
}
