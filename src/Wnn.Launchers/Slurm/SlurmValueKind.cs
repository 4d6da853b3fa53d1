namespace Wnn.Launchers.Slurm;

/// <summary>The value of a <see cref="SlurmOptionKey"/>.</summary>
public enum SlurmValueKind
{
    /// <summary>A string passed as it is.</summary>
    Text,

    /// <summary>An integer ≥ the key's minimum.</summary>
    Integer,

    /// <summary>Shell lines (a list, or one string; repeated --slurm flags add lines).</summary>
    Lines,

    /// <summary>A map of sbatch option to value (or <c>name=value;name=value</c> on the command line).</summary>
    Parameters,

    /// <summary>A submitit option Wnn accepts so that a Hydra launcher config can be used as it is, but has no use for.</summary>
    Unused,
}
