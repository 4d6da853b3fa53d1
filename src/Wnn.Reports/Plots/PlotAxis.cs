namespace Wnn.Reports.Plots;

/// <summary>An axis: its label (with the unit), whether it is logarithmic, and category names when it is categorical (values are indices).</summary>
public sealed record PlotAxis(string Label, bool Log = false, IReadOnlyList<string>? Categories = null);
