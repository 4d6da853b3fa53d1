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

    /// <summary>Best (lowest) cross-entropy so far.</summary>
    public double? BestFitness { get; init; }

    /// <summary>Best accuracy so far.</summary>
    public double? BestAccuracy { get; init; }

    /// <summary>Iterations (generations) run so far.</summary>
    public int IterationsRun { get; init; }

    /// <summary>Phase configuration as JSON; serialized as the object under <c>config</c>.</summary>
    [JsonPropertyName("config")]
    [JsonConverter(typeof(RawJsonConverter))]
    public required string ConfigJson { get; init; }
}
