using System.Globalization;
using System.Text.RegularExpressions;

namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// How OmegaConf types an unquoted YAML scalar: PyYAML's SafeLoader (YAML 1.1: <c>yes/no/on/off</c> are bools,
/// <c>0777</c> is octal, <c>1_000</c> and <c>1:30</c> are ints) plus OmegaConf's float rule, under which <c>1e-3</c> and
/// <c>1e3</c> are floats (plain YAML 1.1 keeps them strings), and without timestamps (dates stay strings).
/// </summary>
internal static partial class YamlScalars
{
    [GeneratedRegex("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")]
    private static partial Regex IntPattern();

    // OmegaConf's float resolver (a superset of PyYAML's): the exponent sign is optional and "1e3" needs no dot.
    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();

    /// <summary>The typed value of an unquoted scalar: null, bool, long, double or the text itself.</summary>
    /// <exception cref="FormatException">An integer that does not fit in 64 bits.</exception>
    public static object? ResolvePlain(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (BoolPattern().IsMatch(text))
        {
            return text[0] is 'y' or 'Y' or 't' or 'T' || text is "on" or "On" or "ON";
        }

        if (IntPattern().IsMatch(text))
        {
            return ParseInt(text);
        }

        if (FloatPattern().IsMatch(text))
        {
            return ParseFloat(text);
        }

        return text;
    }

    /// <summary>True if <paramref name="text"/> written unquoted would be read back as something other than this string
    /// (PyYAML also gives "=" and "&lt;&lt;" tags of their own).</summary>
    public static bool NeedsQuotes(string text) => text is "=" or "<<" || ResolvePlain(text) is not string;

    private static long ParseInt(string text)
    {
        string s = text.Replace("_", "", StringComparison.Ordinal);
        long sign = 1;
        if (s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }

        checked
        {
            if (s == "0")
            {
                return 0;
            }

            if (s.StartsWith("0b", StringComparison.Ordinal))
            {
                return sign * Convert.ToInt64(s[2..], 2);
            }

            if (s.StartsWith("0x", StringComparison.Ordinal))
            {
                return sign * long.Parse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }

            if (s[0] == '0')
            {
                return sign * Convert.ToInt64(s[1..], 8);
            }

            if (s.Contains(':', StringComparison.Ordinal))
            {
                long total = 0;
                foreach (string part in s.Split(':'))
                {
                    total = (total * 60) + long.Parse(part, CultureInfo.InvariantCulture);
                }

                return sign * total;
            }

            return sign * long.Parse(s, CultureInfo.InvariantCulture);
        }
    }

    private static double ParseFloat(string text)
    {
        string s = text.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        double sign = 1;
        if (s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }

        if (s == ".inf")
        {
            return sign * double.PositiveInfinity;
        }

        if (s == ".nan")
        {
            return double.NaN;
        }

        if (s.Contains(':', StringComparison.Ordinal))
        {
            double total = 0;
            foreach (string part in s.Split(':'))
            {
                total = (total * 60) + double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            return sign * total;
        }

        return sign * double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
