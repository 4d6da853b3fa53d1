using System.Globalization;
using System.Numerics;

namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// The slice of Python's <c>decimal.Decimal</c> that Hydra's float <c>range()</c> uses: exact conversion from a double,
/// addition rounded to 28 significant digits (half-even, Python's default context), comparison, and conversion back.
/// Hydra steps float ranges this way, so <c>range(0,1,0.1)</c> gives 0.30000000000000004, not 0.3.
/// </summary>
internal readonly struct PythonDecimal : IComparable<PythonDecimal>
{
    private const int Precision = 28;
    private static readonly BigInteger Limit = BigInteger.Pow(10, Precision);

    private readonly BigInteger _coefficient;
    private readonly int _exponent;

    private PythonDecimal(BigInteger coefficient, int exponent)
    {
        _coefficient = coefficient;
        _exponent = exponent;
    }

    public static PythonDecimal FromLong(long value) => new(value, 0);

    /// <summary>The exact value of a finite double (as <c>Decimal(float)</c>).</summary>
    public static PythonDecimal FromDouble(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int exp2 = (biased == 0 ? 1 : biased) - 1075;
        BigInteger coefficient = mantissa;
        int exp10 = 0;
        if (exp2 >= 0)
        {
            coefficient <<= exp2;
        }
        else
        {
            coefficient *= BigInteger.Pow(5, -exp2);
            exp10 = exp2;
        }

        return new PythonDecimal(negative ? -coefficient : coefficient, exp10);
    }

    public bool IsZero => _coefficient.IsZero;

    public int Sign => _coefficient.Sign;

    public static PythonDecimal operator +(PythonDecimal a, PythonDecimal b)
    {
        int exp = Math.Min(a._exponent, b._exponent);
        BigInteger sum = (a._coefficient * BigInteger.Pow(10, a._exponent - exp)) + (b._coefficient * BigInteger.Pow(10, b._exponent - exp));
        return Round(sum, exp);
    }

    public static bool operator <(PythonDecimal a, PythonDecimal b) => a.CompareTo(b) < 0;

    public static bool operator >(PythonDecimal a, PythonDecimal b) => a.CompareTo(b) > 0;

    public static bool operator <=(PythonDecimal a, PythonDecimal b) => a.CompareTo(b) <= 0;

    public static bool operator >=(PythonDecimal a, PythonDecimal b) => a.CompareTo(b) >= 0;

    public int CompareTo(PythonDecimal other)
    {
        int exp = Math.Min(_exponent, other._exponent);
        return (_coefficient * BigInteger.Pow(10, _exponent - exp)).CompareTo(other._coefficient * BigInteger.Pow(10, other._exponent - exp));
    }

    public override bool Equals(object? obj) => obj is PythonDecimal d && CompareTo(d) == 0;

    public override int GetHashCode() => ToDouble().GetHashCode();

    /// <summary>The nearest double (correctly rounded, as Python's <c>float(Decimal)</c>).</summary>
    public double ToDouble() =>
        double.Parse(_coefficient.ToString(CultureInfo.InvariantCulture) + "E" + _exponent.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static PythonDecimal Round(BigInteger coefficient, int exponent)
    {
        BigInteger abs = BigInteger.Abs(coefficient);
        if (abs < Limit)
        {
            return new PythonDecimal(coefficient, exponent);
        }

        int digits = abs.ToString(CultureInfo.InvariantCulture).Length;
        int drop = digits - Precision;
        BigInteger divisor = BigInteger.Pow(10, drop);
        BigInteger quotient = BigInteger.DivRem(abs, divisor, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(divisor);
        if (half > 0 || (half == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        exponent += drop;
        if (quotient >= Limit)
        {
            quotient /= 10;
            exponent += 1;
        }

        return new PythonDecimal(coefficient.Sign < 0 ? -quotient : quotient, exponent);
    }
}
