namespace Wnn.Launchers.Slurm;

/// <summary>
/// One Slurm option as Hydra's submitit launcher names it: its value kind, what it means, and how it reaches sbatch.
/// <see cref="SlurmOptions.Declared"/> lists them all; the --slurm flag, a sweep's <c>slurm:</c> block and
/// <c>hydra.launcher</c> are all read through it.
/// </summary>
public sealed record SlurmOptionKey
{
    /// <summary>The submitit name (e.g. <c>timeout_min</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What a value looks like.</summary>
    public required SlurmValueKind Kind { get; init; }

    /// <summary>One line for the docs and the CLI help.</summary>
    public required string Doc { get; init; }

    /// <summary>The sbatch option it becomes (<c>#SBATCH --flag=value</c>), or null when it is not one line.</summary>
    public string? Flag { get; init; }

    /// <summary>Other names accepted for it (Hydra's <c>name</c> for <c>job_name</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The smallest integer accepted (integer options).</summary>
    public int Min { get; init; } = 1;

    /// <summary>The #SBATCH value of this option in the given options, or null for none.</summary>
    internal Func<SlurmOptions, string?> Sbatch { get; init; } = _ => null;

    /// <summary>Sets the (converted) value: a string, an int, a list of lines or a map of sbatch options.</summary>
    internal Func<SlurmOptions, object?, SlurmOptions> Apply { get; init; } = (o, _) => o;
}
