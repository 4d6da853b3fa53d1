namespace Wnn.Search;

/// <summary>The life cycle of a trial: Waiting (enqueued) → Running (claimed by one worker) → Complete, Pruned or Failed.</summary>
public enum TrialState
{
    /// <summary>Enqueued with fixed parameters, not yet claimed.</summary>
    Waiting,

    /// <summary>Claimed by a worker and being evaluated.</summary>
    Running,

    /// <summary>Finished with objective values.</summary>
    Complete,

    /// <summary>Stopped early by a pruner.</summary>
    Pruned,

    /// <summary>Raised an error, returned NaN, or its worker stopped sending heartbeats.</summary>
    Failed,
}
