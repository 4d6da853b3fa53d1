using Wnn.Launchers.Slurm;

namespace Wnn.Experiments.Sweeps;

/// <summary>How trials run: parallelism, time limits, retries, failure policy, argument style, heartbeats.</summary>
public sealed record SweepExecution
{
    /// <summary>Trials submitted at once by a Slurm sweep when max_parallel is not given (array_parallelism limits how many run).</summary>
    public const int DefaultSlurmMaxParallel = 256;

    /// <summary>Trials run at once by one controller. Default 1 (<see cref="DefaultSlurmMaxParallel"/> with the Slurm launcher).</summary>
    public int MaxParallel { get; init; } = 1;

    /// <summary>Wall-clock limit per trial; the trial's process group is ended and the trial failed with reason "timeout". Default none.</summary>
    public TimeSpan? TimeoutPerTrial { get; init; }

    /// <summary>How often a failed job is retried before it counts as failed. Default 0.</summary>
    public int MaxFailures { get; init; }

    /// <summary>Continue (default) or fail-fast.</summary>
    public FailurePolicy OnFailure { get; init; } = FailurePolicy.Continue;

    /// <summary>Sweep-level early stopping, or null.</summary>
    public SweepEarlyStopping? EarlyStopping { get; init; }

    /// <summary>How overrides reach the command line. Default Hydra-style key=value.</summary>
    public OverrideStyle OverridesAs { get; init; } = OverrideStyle.Hydra;

    /// <summary>Wall-clock limit of one controller run: after it no job is started and the running ones finish (Optuna's optimize timeout). Default none.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Time between SIGTERM and SIGKILL when a trial is ended. Default 5 s.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeat of running trials in the storage; a trial silent for 3 × this is failed and re-queued (a dead controller). Default 2 s.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where trials run: "local" or "slurm" (execution.launcher, hydra.launcher, or --launcher); null when nothing chose.</summary>
    public string? Launcher { get; init; }

    /// <summary>The config's Slurm options (seed 003's <c>slurm:</c> block or seed 004's <c>hydra.launcher</c>); null when it gives none.</summary>
    public SlurmOptions? Slurm { get; init; }
}
