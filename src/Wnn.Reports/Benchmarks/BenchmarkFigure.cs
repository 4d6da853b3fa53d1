using System.Text.Json.Serialization;

namespace Wnn.Reports.Benchmarks;

/// <summary>One measured figure of a benchmark run: every repetition, in the order measured.</summary>
public sealed record BenchmarkFigure
{
    /// <summary>The figure's name, e.g. <c>full_cpu_seconds</c>; figures of two files are matched by it.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The unit of the samples, e.g. <c>s</c>.</summary>
    [JsonPropertyName("unit")]
    public required string Unit { get; init; }

    /// <summary>True when a smaller value is better (times); false for rates.</summary>
    [JsonPropertyName("lower_is_better")]
    public bool LowerIsBetter { get; init; } = true;

    /// <summary>Every repetition's value.</summary>
    [JsonPropertyName("samples")]
    public required IReadOnlyList<double> Samples { get; init; }
}
