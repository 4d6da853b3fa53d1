namespace Wnn.Server;

/// <summary>How a <see cref="FlowWorker"/> polls, heart-beats and detects dead peers.</summary>
public sealed record WorkerOptions
{
    /// <summary>Directory under which each flow gets <c>flow-{id}</c> for its checkpoints. Default <c>checkpoints</c>.</summary>
    public string CheckpointRoot { get; init; } = "checkpoints";

    /// <summary>Delay between queue polls when idle. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeat period while running a flow (also checks for stop requests). Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A running flow whose worker has not heart-beaten for this long is requeued. Default 30 s.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Worker id; default <c>host:pid:random</c>.</summary>
    public string? WorkerId { get; init; }

    /// <summary>Throws when a value is out of range, naming it and what is allowed.</summary>
    public void Validate()
    {
        if (PollInterval <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"poll interval ({PollInterval}) and heartbeat interval ({HeartbeatInterval}) must be positive");
        }

        if (StaleAfter <= HeartbeatInterval * 2)
        {
            throw new ArgumentException($"stale-after ({StaleAfter}) must exceed twice the heartbeat interval ({HeartbeatInterval})");
        }

        if (string.IsNullOrWhiteSpace(CheckpointRoot))
        {
            throw new ArgumentException("checkpoint root must not be empty");
        }
    }
}
