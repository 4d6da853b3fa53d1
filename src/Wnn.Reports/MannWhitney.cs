namespace Wnn.Reports;

/// <summary>The Mann–Whitney U test (two-sided): exact for small samples without ties, normal approximation with tie correction otherwise.</summary>
public static class MannWhitney
{
    /// <summary>U of the first sample and the two-sided p-value.</summary>
    public static (double U, double P) Test(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            throw new ArgumentException($"Mann–Whitney needs two non-empty samples, got {a.Count} and {b.Count}.", nameof(b));
        }

        int n1 = a.Count, n2 = b.Count, n = n1 + n2;
        var all = a.Select(v => (v, g: 0)).Concat(b.Select(v => (v, g: 1))).OrderBy(x => x.v).ToArray();
        double r1 = 0, tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && all[j + 1].v == all[i].v)
            {
                j++;
            }

            double rank = ((i + j) / 2.0) + 1;
            int t = j - i + 1;
            tieTerm += ((double)t * t * t) - t;
            for (int k = i; k <= j; k++)
            {
                r1 += all[k].g == 0 ? rank : 0;
            }

            i = j + 1;
        }

        double u = r1 - (n1 * (n1 + 1) / 2.0);
        if (tieTerm == 0 && n <= 40)
        {
            return (u, Exact(n1, n2, u));
        }

        double mean = n1 * n2 / 2.0;
        double variance = n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (double)(n - 1))));
        if (variance <= 0)
        {
            return (u, 1);
        }

        double z = (Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return (u, Math.Min(1, 2 * UpperNormal(Math.Max(0, z))));
    }

    // Counts of U over all C(n1+n2, n1) arrangements, by the recurrence f(m, k, u) = f(m-1, k-1, u-(m-k)) + f(m-1, k, u).
    private static double Exact(int n1, int n2, double u)
    {
        int max = n1 * n2;
        double[,] counts = new double[n1 + 1, max + 1];
        counts[0, 0] = 1;
        for (int m = 1; m <= n1 + n2; m++)
        {
            for (int k = Math.Min(m, n1); k >= 1; k--)
            {
                int others = m - k;
                if (others > n2)
                {
                    continue;
                }

                for (int v = max; v >= others; v--)
                {
                    counts[k, v] += counts[k - 1, v - others];
                }
            }
        }

        double total = 0, tail = 0;
        double extreme = Math.Min(u, max - u);
        for (int v = 0; v <= max; v++)
        {
            total += counts[n1, v];
            tail += v <= extreme + 1e-9 ? counts[n1, v] : 0;
        }

        return Math.Min(1, 2 * tail / total);
    }

    private static double UpperNormal(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    // Numerical Recipes' erfc approximation (relative error below 1.2e-7).
    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + (0.5 * z));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851413, -0.82215223, 0.17087277];
        double poly = 0;
        for (int i = c.Length - 1; i >= 0; i--)
        {
            poly = c[i] + (t * poly);
        }

        double r = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}
