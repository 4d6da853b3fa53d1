namespace Wnn.Reports.Benchmarks;

/// <summary>
/// Compares two benchmark result files figure by figure: a figure is worse when the two-sided Mann–Whitney test rejects
/// equality at α and its median moved the bad way by at least the minimum effect (a ratio of 1 + effect, or 1 / (1 + effect)
/// for a figure where higher is better). Files of another machine, CPU path, benchmark or setting are refused.
/// </summary>
public static class BenchmarkComparison
{
    /// <summary>The verdict of a figure that got significantly worse.</summary>
    public const string WorseVerdict = "worse";

    /// <summary>The default significance level.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>The default minimum effect: a median 10 % worse (wall times on a shared machine move by a few per cent).</summary>
    public const double DefaultMinEffect = 0.10;

    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>, figures in the baseline's order.</summary>
    public static IReadOnlyList<FigureComparison> Compare(BenchmarkResult baseline, BenchmarkResult current, double alpha = DefaultAlpha, double minEffect = DefaultMinEffect)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new BenchmarkFileException($"--alpha {alpha} must be between 0 and 1 (exclusive)");
        }

        if (!(minEffect >= 0 && double.IsFinite(minEffect)))
        {
            throw new BenchmarkFileException($"--min-effect {minEffect} must be a finite ratio ≥ 0 (0.1 = 10 %)");
        }

        if (Mismatch(baseline, current) is string reason)
        {
            throw new BenchmarkFileException($"refusing to compare: {reason}");
        }

        var rows = new List<FigureComparison>();
        foreach (BenchmarkFigure b in baseline.Figures)
        {
            if (current.Figures.FirstOrDefault(f => f.Name == b.Name) is not { } c)
            {
                continue;
            }

            double mb = Median(b.Samples), mc = Median(c.Samples);
            double ratio = mb == 0 ? (mc == 0 ? 1 : double.PositiveInfinity) : mc / mb;
            double p = MannWhitney.Test(b.Samples, c.Samples).P;
            double worseBy = b.LowerIsBetter ? ratio : 1 / ratio;
            string verdict = p >= alpha ? "same"
                : worseBy >= 1 + minEffect ? WorseVerdict
                : worseBy <= 1 / (1 + minEffect) ? "better"
                : "same";
            rows.Add(new FigureComparison(b.Name, b.Unit, mb, mc, ratio, p, b.Samples.Count, c.Samples.Count, verdict));
        }

        return rows;
    }

    /// <summary>Why two files may not be compared (another machine, CPU path, benchmark or setting), or null when they may.</summary>
    public static string? Mismatch(BenchmarkResult baseline, BenchmarkResult current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        (string what, string a, string b)[] checks =
        [
            ("benchmark", baseline.Benchmark, current.Benchmark),
            ("machine (CPU model)", baseline.Machine.CpuModel, current.Machine.CpuModel),
            ("machine (cores)", baseline.Machine.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture), current.Machine.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("CPU path", baseline.CpuPath, current.CpuPath),
            ("setting", baseline.Setting, current.Setting),
        ];
        var differing = checks.Where(c => c.a != c.b).Select(c => $"the {c.what} differs: baseline '{c.a}', current '{c.b}'").ToList();
        return differing.Count == 0 ? null : string.Join("; ", differing);
    }

    /// <summary>The median of a non-empty sample.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
