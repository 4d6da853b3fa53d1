using System.Text.Json.Serialization;

namespace Wnn.Contracts;

/// <summary>One GA or TS phase run, usually part of a flow.</summary>
public sealed record ExperimentRecord
{
    /// <summary>Database id.</summary>
    public required long Id { get; init; }

    /// <summary>Owning flow; null for a stand-alone experiment.</summary>
    public long? FlowId { get; init; }

    /// <summary>Position inside the flow, from 0.</summary>
    public required int Sequence { get; init; }

    /// <summary>Human-readable name, e.g. "Phase 1a: GA Neurons".</summary>
    public required string Name { get; init; }

    /// <summary>Phase key such as <c>1a</c>.</summary>
    public required string PhaseKey { get; init; }

    /// <summary>Optimizer: <c>ga</c> or <c>ts</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Optimized dimension: <c>neurons</c>, <c>bits</c> or <c>connections</c>.</summary>
    public required string Dimension { get; init; }

    /// <summary>Lifecycle state.</summary>
    public required ExperimentStatus Status { get; init; }

    /// <summary>When the row was created (UTC).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>When it started running (UTC).</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>When it finished (UTC).</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>
    /// Cross-entropy in nats of the phase's best genome on the full data (JSON <c>full_data_ce</c>): set when the
    /// experiment completes, null before (and for a stopped or failed phase). Never mixed with the training-part values.
    /// </summary>
    public double? FullDataCe { get; init; }

    /// <summary>Accuracy of the phase's best genome on the full data (<c>full_data_accuracy</c>), set when it completes.</summary>
    public double? FullDataAccuracy { get; init; }

    /// <summary>
    /// Lowest cross-entropy in nats among its iterations (<c>train_part_best_ce</c>): measured on the rotating
    /// training part, so it is not comparable across phases nor with <see cref="FullDataCe"/>.
    /// </summary>
    public double? TrainPartBestCe { get; init; }

    /// <summary>Highest accuracy among its iterations, on the rotating training part (<c>train_part_best_accuracy</c>).</summary>
    public double? TrainPartBestAccuracy { get; init; }

    /// <summary>Iterations (generations) run so far.</summary>
    public int IterationsRun { get; init; }

    /// <summary>Phase configuration as JSON; serialized as the object under <c>config</c>.</summary>
    [JsonPropertyName("config")]
    [JsonConverter(typeof(RawJsonConverter))]
    public required string ConfigJson { get; init; }
}
