namespace Wnn.Contracts;

/// <summary>A named value (a trial's parameter or metric, an importance score); a list of these keeps names exactly as written.</summary>
/// <param name="Name">The parameter or metric name.</param>
/// <param name="Value">A number, a string, a boolean or null.</param>
public sealed record NamedValue(string Name, object? Value);
