namespace Wnn.Reports.Plots;

/// <summary>A labelled matrix of values in [-1, 1] drawn with a diverging color scale and the value in each cell.</summary>
public sealed record HeatmapChart(string Title, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, double[][] Values, string ScaleLabel);
