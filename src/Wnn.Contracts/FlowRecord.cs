using System.Text.Json.Serialization;

namespace Wnn.Contracts;

/// <summary>A flow: a sequence of experiments run by one worker at a time.</summary>
public sealed record FlowRecord
{
    /// <summary>Database id.</summary>
    public required long Id { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>Optional free text.</summary>
    public string? Description { get; init; }

    /// <summary>The flow configuration as JSON (template, phases, parameters); serialized as the object under <c>config</c>.</summary>
    [JsonPropertyName("config")]
    [JsonConverter(typeof(RawJsonConverter))]
    public required string ConfigJson { get; init; }

    /// <summary>Lifecycle state.</summary>
    public required FlowStatus Status { get; init; }

    /// <summary>When the flow was created (UTC).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>When a worker first started it (UTC).</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>When it reached a terminal state (UTC).</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>Checkpoint the flow starts from, if any.</summary>
    public long? SeedCheckpointId { get; init; }

    /// <summary>Worker currently running it.</summary>
    public string? WorkerId { get; init; }

    /// <summary>Last heartbeat of the worker running it (UTC).</summary>
    public DateTime? HeartbeatAt { get; init; }

    /// <summary>True once a stop was requested while it was running.</summary>
    public bool StopRequested { get; init; }

    /// <summary>Error message of a failed flow.</summary>
    public string? Error { get; init; }
}
