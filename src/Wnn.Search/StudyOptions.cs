using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search;

/// <summary>How to create or load a study. Defaults: name "study", one minimized objective, TPE sampler, median pruner, in-memory storage, no heartbeats.</summary>
public sealed record StudyOptions
{
    /// <summary>Study name, unique within the storage. Default "study".</summary>
    public string Name { get; init; } = "study";

    /// <summary>One direction per objective. Default: a single minimized objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; init; } = [StudyDirection.Minimize];

    /// <summary>The sampler; default a TPE sampler seeded with <see cref="Seed"/>.</summary>
    public ISampler? Sampler { get; init; }

    /// <summary>The pruner; default a median pruner (single objective) or no pruning (several objectives).</summary>
    public IPruner? Pruner { get; init; }

    /// <summary>The storage; default a fresh in-memory storage.</summary>
    public IStudyStorage? Storage { get; init; }

    /// <summary>Seed for the default sampler. Default null (not reproducible). Setting it together with <see cref="Sampler"/> is an error: seed that sampler instead.</summary>
    public long? Seed { get; init; }

    /// <summary>When the name exists: load it (true) or throw (false, default).</summary>
    public bool LoadIfExists { get; init; }

    /// <summary>How often running trials send heartbeats in Optimize; null (default) disables heartbeats and stale-trial detection.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>A running trial without a heartbeat for this long is failed. Default: 2 × <see cref="HeartbeatInterval"/>.</summary>
    public TimeSpan? GracePeriod { get; init; }

    /// <summary>Re-enqueue the parameters of trials failed for a stale heartbeat. Default false.</summary>
    public bool RetryStaleTrials { get; init; }
}
