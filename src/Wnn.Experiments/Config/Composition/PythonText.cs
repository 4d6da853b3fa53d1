using System.Globalization;

namespace Wnn.Experiments.Config.Composition;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of config scalars, which OmegaConf uses when a value becomes text.</summary>
internal static class PythonText
{
    /// <summary><c>str(value)</c>: None, True/False, 1e-05, 0.1, inf, nan, the string itself.</summary>
    public static string Str(object? value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FloatRepr(d),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Python's <c>repr(float)</c>: the shortest round-trip digits, positional for 1e-4 ≤ |x| &lt; 1e16, else
    /// exponent form with a sign and at least two digits (<c>1e-05</c>, <c>1e+16</c>); always a '.0' or exponent.</summary>
    public static string FloatRepr(double value)
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

        // "E16" of the shortest round-trip form gives the digits and the exponent without rounding them again.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        string mantissa = r;
        int exponent = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = r[..e];
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointPosition = (dot < 0 ? mantissa.Length : dot) + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leadingZeros;
        if (digits.Length == 0)
        {
            digits = "0";
        }

        string sign = value < 0 ? "-" : "";
        // Python switches to exponent form when the decimal exponent is < -4 or >= 16.
        int decimalExponent = pointPosition - 1;
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            string m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            string expSign = decimalExponent < 0 ? "-" : "+";
            return sign + m + "e" + expSign + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }

        if (pointPosition <= 0)
        {
            return sign + "0." + new string('0', -pointPosition) + digits;
        }

        if (pointPosition >= digits.Length)
        {
            return sign + digits + new string('0', pointPosition - digits.Length) + ".0";
        }

        return sign + digits[..pointPosition] + "." + digits[pointPosition..];
    }
}
