namespace Wnn.Reports;

/// <summary>One rendered figure: a file-safe id (the SVG's file name without extension), a title and the SVG document.</summary>
public sealed record ReportFigure(string Id, string Title, string Svg);
