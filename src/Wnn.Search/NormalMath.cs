namespace Wnn.Search;

/// <summary>Normal-distribution helpers that stay finite in the tails (no Math.Erf in .NET).</summary>
internal static class NormalMath
{
    public const double LogSqrt2Pi = 0.91893853320467274178;
    private const double InvSqrt2 = 0.70710678118654752440;

    /// <summary>log(erfc(z)) for z &gt;= 0 via a Chebyshev-fitted rational form (relative error below ~1.2e-7), safe for large z.</summary>
    public static double LogErfcNonNegative(double z)
    {
        double t = 1.0 / (1.0 + (0.5 * z));
        double poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        return Math.Log(t) - (z * z) + poly;
    }

    /// <summary>erfc(x) for any x.</summary>
    public static double Erfc(double x) => x >= 0 ? Math.Exp(LogErfcNonNegative(x)) : 2.0 - Math.Exp(LogErfcNonNegative(-x));

    /// <summary>Standard normal CDF.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x * InvSqrt2);

    /// <summary>log P(a &lt; Z &lt; b) for a standard normal Z, accurate when both bounds are far in the same tail.</summary>
    public static double LogMass(double a, double b)
    {
        if (b <= a)
        {
            return double.NegativeInfinity;
        }

        if (a < -8.5 && b > 8.5)
        {
            // Both tails hold less than 1e-17 each: the mass is 1 to double precision.
            return 0;
        }

        if (a >= 0)
        {
            // Upper tail: P = (erfc(a/√2) - erfc(b/√2)) / 2.
            double la = LogErfcNonNegative(a * InvSqrt2);
            double lb = double.IsPositiveInfinity(b) ? double.NegativeInfinity : LogErfcNonNegative(b * InvSqrt2);
            return la + Log1mExp(lb - la) - Math.Log(2);
        }

        if (b <= 0)
        {
            return LogMass(-b, -a);
        }

        double mass = 1.0 - Cdf(a) - (1.0 - Cdf(b));
        return Math.Log(Math.Max(mass, 1e-300));
    }

    /// <summary>log(1 - exp(x)) for x &lt;= 0.</summary>
    public static double Log1mExp(double x) =>
        x >= 0 ? double.NegativeInfinity : x > -0.693 ? Math.Log(-double.ExpM1(x)) : Math.Log(1 - Math.Exp(x));
}
