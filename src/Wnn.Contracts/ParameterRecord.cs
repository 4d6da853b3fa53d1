namespace Wnn.Contracts;

/// <summary>A parameter of a study: its kind (float, int or categorical), range, whether its axis is logarithmic, and its choices.</summary>
public sealed record ParameterRecord(string Name, string Kind, bool Log, double Low, double High, IReadOnlyList<string> Choices);
