namespace Wnn.Search;

/// <summary>Names of system attributes shared by the study and every storage implementation.</summary>
public static class StorageAttributes
{
    /// <summary>Fixed parameters of an enqueued trial (a map from name to user-facing value).</summary>
    public const string FixedParams = "fixed_params";

    /// <summary>On a re-enqueued trial: the number of the stale trial it replaces.</summary>
    public const string RetriedFrom = "retried_from";

    /// <summary>On a trial run with heartbeats: its grace period in seconds, so any reader can fail it once it goes silent.</summary>
    public const string HeartbeatGrace = "heartbeat_grace_seconds";

    /// <summary>Why a trial failed (exception message, NaN value, stale heartbeat).</summary>
    public const string FailReason = "fail_reason";
}
