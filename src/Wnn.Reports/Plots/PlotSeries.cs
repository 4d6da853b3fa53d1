namespace Wnn.Reports.Plots;

/// <summary>A named series of one or more paths of (x, y) points; markers may be colored by a value (then a color bar is drawn).</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Paths, SeriesStyle Style, string Color)
{
    /// <summary>Per-point values (for a single path of markers) mapped to the color scale, or null for the series color.</summary>
    public IReadOnlyList<double>? ColorValues { get; init; }

    /// <summary>One path of points.</summary>
    public static PlotSeries Of(string name, IEnumerable<(double X, double Y)> points, SeriesStyle style, string color) =>
        new(name, [[.. points]], style, color);
}
