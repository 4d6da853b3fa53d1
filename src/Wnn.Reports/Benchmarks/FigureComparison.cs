namespace Wnn.Reports.Benchmarks;

/// <summary>The comparison of one figure: medians, their ratio, the Mann–Whitney p-value and the verdict.</summary>
/// <param name="Name">The figure.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="BaselineMedian">Median of the baseline's samples.</param>
/// <param name="CurrentMedian">Median of the current samples.</param>
/// <param name="Ratio">Current median / baseline median (above 1 is slower for a time).</param>
/// <param name="P">Two-sided Mann–Whitney p-value of the two sample sets.</param>
/// <param name="BaselineCount">Baseline repetitions.</param>
/// <param name="CurrentCount">Current repetitions.</param>
/// <param name="Verdict">worse, better or same.</param>
public sealed record FigureComparison(
    string Name, string Unit, double BaselineMedian, double CurrentMedian, double Ratio, double P, int BaselineCount, int CurrentCount, string Verdict)
{
    /// <summary>True when the figure got significantly worse by at least the minimum effect.</summary>
    public bool Worse => Verdict == BenchmarkComparison.WorseVerdict;
}
