namespace Wnn.Experiments.Sweeps;

/// <summary>A planned Hydra multirun: the composed config (without the hydra node), the jobs in order, and the resolved layout.</summary>
public sealed record HydraMultirunPlan
{
    /// <summary>The composed config every job starts from, without the <c>hydra</c> node.</summary>
    public required IReadOnlyDictionary<string, object?> Config { get; init; }

    /// <summary>Each job's overrides (key and typed value) in order; job number = index.</summary>
    public required IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>> Jobs { get; init; }

    /// <summary>hydra.sweep.dir, resolved (null: Hydra's default multirun/DATE/TIME).</summary>
    public required string SweepDir { get; init; }

    /// <summary>hydra.sweep.subdir, with <c>${hydra.job.num}</c> left in place.</summary>
    public string SubdirTemplate { get; init; } = "${hydra.job.num}";

    /// <summary>hydra.job.name, resolved.</summary>
    public string? JobName { get; init; }
}
