namespace Wnn.Benchmarks.Peers;

/// <summary>
/// Two-sided Mann–Whitney U test by the normal approximation with tie correction and continuity correction:
/// U1 = R1 - n1 (n1 + 1) / 2 with average ranks for ties; mean n1 n2 / 2; variance n1 n2 / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1)));
/// z = (|U1 - mean| - 0.5) / sd; p = 2 (1 - Phi(z)), capped at 1. All values identical: p = 1.
/// </summary>
public static class MannWhitneyU
{
    /// <summary>The test's outcome: U of the first sample, z, the two-sided p-value, and whether the first sample tends to be smaller.</summary>
    public readonly record struct Result(double U1, double Z, double P, bool FirstTendsSmaller);

    /// <summary>Tests whether two samples come from the same distribution.</summary>
    public static Result Test(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int n1 = first.Count, n2 = second.Count;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException($"Both samples need values (got {n1} and {n2}).", nameof(first));
        }

        int n = n1 + n2;
        var all = new (double Value, int Group)[n];
        for (int i = 0; i < n1; i++)
        {
            all[i] = (first[i], 0);
        }

        for (int i = 0; i < n2; i++)
        {
            all[n1 + i] = (second[i], 1);
        }

        Array.Sort(all, (a, b) => a.Value.CompareTo(b.Value));
        double rankSum1 = 0, tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && all[j + 1].Value.Equals(all[i].Value))
            {
                j++;
            }

            double averageRank = ((i + 1) + (j + 1)) / 2.0;
            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            for (int k = i; k <= j; k++)
            {
                if (all[k].Group == 0)
                {
                    rankSum1 += averageRank;
                }
            }

            i = j + 1;
        }

        double u1 = rankSum1 - (n1 * (n1 + 1) / 2.0);
        double mean = n1 * n2 / 2.0;
        double variance = n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1.0))));
        if (variance <= 0)
        {
            return new Result(u1, 0, 1, false);
        }

        double z = Math.Max(0, Math.Abs(u1 - mean) - 0.5) / Math.Sqrt(variance);
        double p = Math.Min(1, 2 * UpperTail(z));
        return new Result(u1, u1 < mean ? -z : z, p, u1 < mean);
    }

    /// <summary>P(Z &gt; z) for a standard normal Z (z &gt;= 0), from the complementary error function.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    // erfc for x >= 0 by the continued fraction (large x) or the Taylor series of erf (small x); ~1e-14 relative accuracy.
    private static double Erfc(double x)
    {
        if (x < 2)
        {
            double sum = 0, term = x;
            for (int k = 0; k < 200; k++)
            {
                double add = term / ((2 * k) + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }

                term *= -x * x / (k + 1);
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        // Lentz's method for erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))).
        double f = x, c = x, d = 0;
        for (int k = 1; k < 300; k++)
        {
            double a = k / 2.0;
            d = x + (a * d);
            d = 1 / d;
            c = x + (a / c);
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
