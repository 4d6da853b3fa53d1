namespace Wnn.Reports;

/// <summary>
/// Holm–Bonferroni step-down adjustment of a family of p-values (Holm 1979): sorted ascending, the i-th smallest
/// (0-based) is multiplied by m − i, made non-decreasing along the order, and capped at 1. An adjusted p below α
/// rejects that hypothesis with the family-wise error rate held at α.
/// </summary>
public static class HolmBonferroni
{
    /// <summary>The adjusted p-values, in the order given.</summary>
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        int m = p.Count;
        int[] order = [.. Enumerable.Range(0, m).OrderBy(i => p[i]).ThenBy(i => i)];
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = order[rank];
            if (!(p[i] >= 0 && p[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(p), p[i], "a p-value lies in [0, 1]");
            }

            running = Math.Max(running, Math.Min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }

        return adjusted;
    }
}
