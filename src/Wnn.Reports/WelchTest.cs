namespace Wnn.Reports;

/// <summary>Welch's unequal-variances t-test (two-sided), with the Welch–Satterthwaite degrees of freedom.</summary>
public static class WelchTest
{
    /// <summary>t of the first sample's mean minus the second's, the degrees of freedom and the two-sided p-value.</summary>
    public static (double T, double Df, double P) Test(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < 2 || b.Count < 2)
        {
            throw new ArgumentException($"Welch's t-test needs at least 2 values in each sample, got {a.Count} and {b.Count}.", nameof(b));
        }

        (double ma, double va) = MeanVariance(a);
        (double mb, double vb) = MeanVariance(b);
        double sa = va / a.Count, sb = vb / b.Count, se = sa + sb;
        if (se <= 0)
        {
            // Both samples constant: equal means are no evidence of a difference, different ones are certain.
            return ma == mb ? (0, double.NaN, 1) : (ma > mb ? double.PositiveInfinity : double.NegativeInfinity, double.NaN, 0);
        }

        double t = (ma - mb) / Math.Sqrt(se);
        double df = se * se / ((sa * sa / (a.Count - 1)) + (sb * sb / (b.Count - 1)));
        return (t, df, TwoSidedP(t, df));
    }

    /// <summary>P(|T| ≥ |t|) for Student's t with <paramref name="df"/> degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).</summary>
    public static double TwoSidedP(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        return double.IsInfinity(t) ? 0 : Math.Clamp(RegularizedBeta(df / (df + (t * t)), df / 2, 0.5), 0, 1);
    }

    private static (double Mean, double Variance) MeanVariance(IReadOnlyList<double> v)
    {
        double mean = v.Average();
        double ss = 0;
        foreach (double x in v)
        {
            ss += (x - mean) * (x - mean);
        }

        return (mean, ss / (v.Count - 1));
    }

    /// <summary>The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz).</summary>
    internal static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) otherwise.
        if (x > (a + 1) / (a + b + 2))
        {
            return 1 - RegularizedBeta(1 - x, b, a);
        }

        double front = Math.Exp((a * Math.Log(x)) + (b * Math.Log(1 - x)) - LogBeta(a, b)) / a;
        const double tiny = 1e-300;
        double c = 1, d = 1 - ((a + b) * x / (a + 1));
        d = Math.Abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 500; m++)
        {
            double numerator = m * (b - m) * x / ((a + (2 * m) - 1) * (a + (2 * m)));
            d = 1 + (numerator * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (numerator / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            f *= d * c;
            numerator = -(a + m) * (a + b + m) * x / ((a + (2 * m)) * (a + (2 * m) + 1));
            d = 1 + (numerator * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (numerator / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return front * f;
    }

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    // Lanczos approximation (g = 7, 9 terms), relative error near 1e-15 for positive arguments.
    private static double LogGamma(double x)
    {
        double[] c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        double sum = c[0];
        for (int i = 1; i < c.Length; i++)
        {
            sum += c[i] / (x + i);
        }

        double t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
