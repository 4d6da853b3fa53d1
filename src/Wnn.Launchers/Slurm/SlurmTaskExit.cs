using System.Text.Json.Serialization;

namespace Wnn.Launchers.Slurm;

/// <summary>The exit record an array task writes (atomically) when its trial ended by itself or by the trial's own time limit.</summary>
public sealed record SlurmTaskExit
{
    /// <summary>The trial's exit code.</summary>
    [JsonPropertyName("exit_code")]
    public int ExitCode { get; init; }

    /// <summary>True when the trial's own limit (the sweep's timeout) ended it.</summary>
    [JsonPropertyName("timed_out")]
    public bool TimedOut { get; init; }

    /// <summary>Start of the trial, UTC.</summary>
    [JsonPropertyName("started")]
    public DateTimeOffset Started { get; init; }

    /// <summary>End of the trial, UTC.</summary>
    [JsonPropertyName("ended")]
    public DateTimeOffset Ended { get; init; }

    /// <summary>The node that ran it.</summary>
    [JsonPropertyName("host")]
    public string Host { get; init; } = "";

    /// <summary>The Slurm job id (jobid_index).</summary>
    [JsonPropertyName("slurm_job")]
    public string SlurmJob { get; init; } = "";
}
