namespace Wnn.Contracts;

/// <summary>A plot of a study as the server renders it (the <c>wnn report</c> figures): a file-safe id, a title and the SVG document.</summary>
public sealed record FigureRecord(string Id, string Title, string Svg);
