namespace Wnn.Reports.Plots;

/// <summary>A chart of x/y series with a title, labelled axes and a legend (and a color bar when a series is colored by value).</summary>
public sealed record XyChart(string Title, PlotAxis X, PlotAxis Y, IReadOnlyList<PlotSeries> Series)
{
    /// <summary>Label of the color bar for value-colored markers.</summary>
    public string? ColorLabel { get; init; }
}
