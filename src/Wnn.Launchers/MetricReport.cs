namespace Wnn.Launchers;

/// <summary>One reported metrics line: an optional step and the numeric values it carries.</summary>
/// <param name="Step">The "step" field when present (a non-negative integer), else null.</param>
/// <param name="Values">Every other numeric field of the line, by name.</param>
public sealed record MetricReport(int? Step, IReadOnlyDictionary<string, double> Values);
