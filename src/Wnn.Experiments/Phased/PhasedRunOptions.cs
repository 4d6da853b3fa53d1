using Wnn.Experiments.Checkpoints;

namespace Wnn.Experiments.Phased;

/// <summary>Run options of <see cref="PhasedRunner"/> beyond the configuration.</summary>
public sealed record PhasedRunOptions
{
    /// <summary>Checkpoint directory; null = no checkpoints.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Phase to resume from ("1a".."3b"); needs <see cref="CheckpointDirectory"/>.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>
    /// Canonical names of the configuration keys the user gave explicitly; a resume refuses only those that differ from
    /// the checkpoint and change results. Null = every key counts as given (a flow's stored configuration).
    /// </summary>
    public IReadOnlySet<string>? ExplicitKeys { get; init; }

    /// <summary>Seed genome and population for the first phase (from --seed-from).</summary>
    public SeedSource? Seed { get; init; }

    /// <summary>Progress receiver.</summary>
    public IPhasedProgress? Progress { get; init; }

    /// <summary>Per-phase callbacks (phase starting, phase completed with its checkpoint).</summary>
    public IPhaseObserver? Observer { get; init; }

    /// <summary>Int array encoding of checkpoints (default compact).</summary>
    public IntArrayEncoding CheckpointEncoding { get; init; } = IntArrayEncoding.Compact;
}
