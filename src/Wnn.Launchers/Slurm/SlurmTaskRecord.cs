using System.Text.Json.Serialization;

namespace Wnn.Launchers.Slurm;

/// <summary>What the launcher remembers of a submitted trial (&lt;slurm dir&gt;/tasks/&lt;key&gt;.json), so a resumed controller adopts a job still queued or running instead of submitting it twice.</summary>
public sealed record SlurmTaskRecord
{
    /// <summary>The array job id.</summary>
    [JsonPropertyName("job_id")]
    public required string JobId { get; init; }

    /// <summary>The task id, jobid_index.</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>The exit record the task writes.</summary>
    [JsonPropertyName("exit_file")]
    public required string ExitFile { get; init; }

    /// <summary>Slurm's own output file of the task.</summary>
    [JsonPropertyName("slurm_output")]
    public required string SlurmOutput { get; init; }

    /// <summary>When it was submitted, UTC.</summary>
    [JsonPropertyName("submitted")]
    public DateTimeOffset Submitted { get; init; }
}
