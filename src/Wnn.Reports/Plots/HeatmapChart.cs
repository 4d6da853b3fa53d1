namespace Wnn.Reports.Plots;

/// <summary>A labelled matrix of values in [-1, 1] drawn with a diverging color scale and the value in each cell.</summary>
public sealed record HeatmapChart(string Title, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, double[][] Values, string ScaleLabel)
{
    /// <summary>Use a sequential scale from the smallest to the largest value (NaN cells left gray) instead of the [-1, 1] diverging one.</summary>
    public bool Sequential { get; init; }

    /// <summary>Label of the rows' key (drawn above the row labels), or null.</summary>
    public string? RowLabel { get; init; }

    /// <summary>Label of the columns' key (drawn above the column labels), or null.</summary>
    public string? ColumnLabel { get; init; }
}
