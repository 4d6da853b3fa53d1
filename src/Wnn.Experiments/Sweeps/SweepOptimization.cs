using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>What a sweep optimizes and how: the target metric and its direction, the sampler and pruner, the trial budget and seed.</summary>
public sealed record SweepOptimization
{
    /// <summary>The metric whose last reported value is a trial's value; null: trials only need to exit with 0 (value 0).</summary>
    public string? TargetMetric { get; init; }

    /// <summary>Minimize (default) or maximize.</summary>
    public StudyDirection Direction { get; init; } = StudyDirection.Minimize;

    /// <summary>Sampler name of a study sweep (see <see cref="SweepCatalog.Samplers"/>). Default tpe.</summary>
    public string Sampler { get; init; } = "tpe";

    /// <summary>Pruner name (see <see cref="SweepCatalog.Pruners"/>), or null for none.</summary>
    public string? Pruner { get; init; }

    /// <summary>Pruner options (n_startup_trials, n_warmup_steps, …) as written in the config.</summary>
    public IReadOnlyDictionary<string, object?> PrunerOptions { get; init; } = new Dictionary<string, object?>();

    /// <summary>Total number of jobs of a study sweep, across every resume. Default 20.</summary>
    public int Trials { get; init; } = 20;

    /// <summary>Seed of the sampler; null: not reproducible.</summary>
    public long? Seed { get; init; }
}
