namespace Wnn.Experiments.Sweeps;

/// <summary>Command-line choices applied on top of a sweep config (each null keeps the config's value).</summary>
public sealed record SweepReadOptions
{
    /// <summary>The time that fills <c>${now:…}</c> (one timestamp per sweep). Default: now.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Replaces the config's sweep directory.</summary>
    public string? SweepDir { get; init; }

    /// <summary>Replaces the sampler; a sampler given on a grid config makes it a study sweep.</summary>
    public string? Sampler { get; init; }

    /// <summary>Replaces the trial budget of a study sweep.</summary>
    public int? Trials { get; init; }

    /// <summary>Replaces execution.max_parallel.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>Replaces execution.launcher (local or slurm).</summary>
    public string? Launcher { get; init; }

    /// <summary>Replaces the sampler seed.</summary>
    public long? Seed { get; init; }
}
