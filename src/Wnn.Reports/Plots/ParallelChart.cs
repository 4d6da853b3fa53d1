namespace Wnn.Reports.Plots;

/// <summary>Parallel coordinates: one vertical axis per column, one line per row colored by the last column.</summary>
public sealed record ParallelChart(string Title, IReadOnlyList<PlotAxis> Axes, IReadOnlyList<double[]> Rows)
{
    /// <summary>Rows (indices) drawn on top in the highlight color, such as the best trial.</summary>
    public IReadOnlyList<int> Highlight { get; init; } = [];
}
