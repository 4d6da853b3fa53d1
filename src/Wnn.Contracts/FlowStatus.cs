namespace Wnn.Contracts;

/// <summary>Lifecycle state of a flow; stored and serialized in lower case.</summary>
public enum FlowStatus
{
    /// <summary>Created, not yet queued.</summary>
    Pending,

    /// <summary>Waiting for a worker to claim it.</summary>
    Queued,

    /// <summary>Claimed by a worker that heart-beats while running it.</summary>
    Running,

    /// <summary>Every experiment finished.</summary>
    Completed,

    /// <summary>The executor threw; see the flow's error.</summary>
    Failed,

    /// <summary>Stopped on request; checkpoints written so far remain.</summary>
    Cancelled,
}
