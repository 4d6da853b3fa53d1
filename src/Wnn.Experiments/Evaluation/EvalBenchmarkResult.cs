using System.Text.Json.Serialization;

namespace Wnn.Experiments.Evaluation;

/// <summary>Measured evaluator speed on one data setting (seconds are medians of repeated runs).</summary>
public sealed record EvalBenchmarkResult
{
    /// <summary>Median wall seconds of a full evaluation.</summary>
    [JsonPropertyName("full_seconds_median")]
    public required double FullSecondsMedian { get; init; }

    /// <summary>Median process CPU seconds of a full evaluation (all threads).</summary>
    [JsonPropertyName("full_cpu_seconds_median")]
    public required double FullCpuSecondsMedian { get; init; }

    /// <summary>Median seconds of an incremental evaluation with one tier-0 cluster changed.</summary>
    [JsonPropertyName("incremental_tier0_seconds_median")]
    public required double IncrementalTier0SecondsMedian { get; init; }

    /// <summary>Median seconds of an incremental evaluation with one trained tier-2 cluster changed.</summary>
    [JsonPropertyName("incremental_tier2_seconds_median")]
    public required double IncrementalTier2SecondsMedian { get; init; }

    /// <summary>Wall seconds of every timed full evaluation, in order (the median's samples).</summary>
    [JsonPropertyName("full_seconds")]
    public required IReadOnlyList<double> FullSeconds { get; init; }

    /// <summary>Process CPU seconds of every timed full evaluation.</summary>
    [JsonPropertyName("full_cpu_seconds")]
    public required IReadOnlyList<double> FullCpuSeconds { get; init; }

    /// <summary>Seconds of every incremental evaluation with one tier-0 cluster changed.</summary>
    [JsonPropertyName("incremental_tier0_seconds")]
    public required IReadOnlyList<double> IncrementalTier0Seconds { get; init; }

    /// <summary>Seconds of every incremental evaluation with one trained last-tier cluster changed (empty when there is none).</summary>
    [JsonPropertyName("incremental_tier2_seconds")]
    public required IReadOnlyList<double> IncrementalTier2Seconds { get; init; }

    /// <summary>Peak working set of the process.</summary>
    [JsonPropertyName("peak_memory_bytes")]
    public required long PeakMemoryBytes { get; init; }

    /// <summary>Reference evaluator seconds for the whole evaluation set (training time + sampled scoring time scaled up).</summary>
    [JsonPropertyName("reference_seconds")]
    public required double ReferenceSeconds { get; init; }

    /// <summary>Evaluation examples the reference actually scored.</summary>
    [JsonPropertyName("reference_sampled_examples")]
    public required int ReferenceSampledExamples { get; init; }

    /// <summary>Reference seconds / fast full seconds.</summary>
    [JsonPropertyName("speedup")]
    public double Speedup => ReferenceSeconds / FullSecondsMedian;

    /// <summary>CE of the benchmarked genome.</summary>
    [JsonPropertyName("ce")]
    public required double CrossEntropy { get; init; }

    /// <summary>Accuracy of the benchmarked genome.</summary>
    [JsonPropertyName("accuracy")]
    public required double Accuracy { get; init; }

    /// <summary>Threads used.</summary>
    [JsonPropertyName("threads")]
    public required int Threads { get; init; }

    /// <summary>Kernel paths the fast evaluator took: vector width and pattern extraction (see EvaluatorKernels).</summary>
    [JsonPropertyName("kernels")]
    public required string Kernels { get; init; }

    /// <summary>What was measured on.</summary>
    [JsonPropertyName("data")]
    public required string Data { get; init; }
}
