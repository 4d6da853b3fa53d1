namespace Wnn.Experiments.Config.Overrides;

/// <summary>Options of <see cref="BasicSweepPlanner"/>.</summary>
public sealed record SweepPlanOptions
{
    /// <summary>Seed of <c>shuffle(…)</c> (Hydra's shuffles are unseeded; ours repeat). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The options of a config group (for <c>glob()</c>), e.g. the YAML file names in <c>&lt;config-dir&gt;/&lt;group&gt;/</c>; null when there is no config.</summary>
    public Func<string, IReadOnlyList<string>>? GroupOptions { get; init; }

    /// <summary>Largest job list accepted; a bigger cartesian product is an error rather than a hang. Default 100 000.</summary>
    public int MaxJobs { get; init; } = 100_000;
}
