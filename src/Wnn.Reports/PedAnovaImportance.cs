namespace Wnn.Reports;

/// <summary>
/// PED-ANOVA importance (Watanabe et al., 2023): how differently each parameter is distributed among the top-γ trials
/// than among all trials, measured as the Pearson divergence of the two Parzen densities in unit space and normalized
/// to sum to 1. Closed-form and cheap, so it scales to large studies where a forest does not.
/// </summary>
public static class PedAnovaImportance
{
    private const int Grid = 256;

    /// <summary>
    /// Importance per column of <paramref name="unit"/> (rows are trials, values in [0, 1]; categorical columns are marked in
    /// <paramref name="categories"/> with their choice count, 0 for continuous) against <paramref name="y"/>, lower is better.
    /// </summary>
    public static double[] Evaluate(double[][] unit, double[] y, int[] categories, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(categories);
        if (unit.Length != y.Length || unit.Length < 2)
        {
            throw new ArgumentException($"PED-ANOVA needs at least 2 trials with one target each, got {unit.Length} rows and {y.Length} targets.", nameof(y));
        }

        if (gamma is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in (0, 1].");
        }

        int top = Math.Clamp((int)Math.Ceiling(gamma * y.Length), 2, y.Length);
        int[] order = [.. Enumerable.Range(0, y.Length).OrderBy(i => y[i]).ThenBy(i => i)];
        int[] local = order[..top];
        double[] scores = new double[categories.Length];
        for (int j = 0; j < categories.Length; j++)
        {
            double[] all = [.. unit.Select(r => r[j])];
            double[] best = [.. local.Select(i => unit[i][j])];
            scores[j] = categories[j] > 0 ? Discrete(all, best, categories[j]) : Continuous(all, best);
        }

        double sum = scores.Sum();
        return sum <= 0 ? [.. scores.Select(_ => 1.0 / scores.Length)] : [.. scores.Select(s => s / sum)];
    }

    private static double Continuous(double[] all, double[] best)
    {
        double hAll = Bandwidth(all), hBest = Bandwidth(best);
        double divergence = 0;
        for (int g = 0; g < Grid; g++)
        {
            double x = (g + 0.5) / Grid;
            double pAll = Density(all, hAll, x), pBest = Density(best, hBest, x);
            double ratio = pBest / pAll - 1;
            divergence += ratio * ratio * pAll / Grid;
        }

        return divergence;
    }

    private static double Discrete(double[] all, double[] best, int choices)
    {
        double[] pAll = Frequencies(all, choices), pBest = Frequencies(best, choices);
        double divergence = 0;
        for (int c = 0; c < choices; c++)
        {
            double ratio = pBest[c] / pAll[c] - 1;
            divergence += ratio * ratio * pAll[c];
        }

        return divergence;
    }

    private static double[] Frequencies(double[] unit, int choices)
    {
        // Laplace smoothing keeps an unseen choice from dividing by zero.
        double[] p = [.. Enumerable.Repeat(1.0, choices)];
        foreach (double u in unit)
        {
            p[Math.Clamp((int)(u * choices), 0, choices - 1)]++;
        }

        double total = p.Sum();
        return [.. p.Select(v => v / total)];
    }

    // Scott's rule, floored so that a column of equal values still has a proper density.
    private static double Bandwidth(double[] v)
    {
        double mean = v.Average();
        double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, v.Length - 1));
        return Math.Max(1.06 * sd * Math.Pow(v.Length, -0.2), 0.02);
    }

    private static double Density(double[] v, double h, double x)
    {
        double s = 0;
        foreach (double c in v)
        {
            double z = (x - c) / h;
            s += Math.Exp(-0.5 * z * z);
        }

        return Math.Max(s / (v.Length * h * Math.Sqrt(2 * Math.PI)), 1e-12);
    }
}
