namespace Wnn.Reports.Plots;

/// <summary>
/// A contour plot: the objective interpolated on a grid over two parameters (filled bands and iso-lines), with the
/// trials drawn on top. <paramref name="Points"/> are (x, y, value) in data units.
/// </summary>
public sealed record ContourChart(string Title, PlotAxis X, PlotAxis Y, IReadOnlyList<(double X, double Y, double Z)> Points, string ValueLabel)
{
    /// <summary>Grid cells per axis (default 40).</summary>
    public int Cells { get; init; } = 40;

    /// <summary>Number of contour bands (default 10).</summary>
    public int Levels { get; init; } = 10;

    /// <summary>Gaussian kernel width as a fraction of each axis (default 0.08).</summary>
    public double Bandwidth { get; init; } = 0.08;
}
