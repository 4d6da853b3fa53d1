namespace Wnn.Contracts;

/// <summary>A worker process that claims and runs flows.</summary>
public sealed record WorkerRecord
{
    /// <summary>Unique worker id (host, pid and a random suffix).</summary>
    public required string Id { get; init; }

    /// <summary>Machine name.</summary>
    public required string Hostname { get; init; }

    /// <summary>Process id.</summary>
    public required int Pid { get; init; }

    /// <summary>When it registered (UTC).</summary>
    public DateTime StartedAt { get; init; }

    /// <summary>Last heartbeat (UTC).</summary>
    public DateTime HeartbeatAt { get; init; }
}
