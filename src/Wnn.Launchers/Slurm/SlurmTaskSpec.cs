using System.Text.Json.Serialization;

namespace Wnn.Launchers.Slurm;

/// <summary>What one array task runs (written as &lt;index&gt;.json next to the batch's script): a <see cref="TrialLaunch"/> and where its exit record goes.</summary>
public sealed record SlurmTaskSpec
{
    /// <summary>The trial command.</summary>
    [JsonPropertyName("command")]
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The trial's run directory.</summary>
    [JsonPropertyName("working_directory")]
    public required string WorkingDirectory { get; init; }

    /// <summary>Environment variables of the trial.</summary>
    [JsonPropertyName("environment")]
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The run log.</summary>
    [JsonPropertyName("log")]
    public required string LogPath { get; init; }

    /// <summary>The metrics file.</summary>
    [JsonPropertyName("metrics")]
    public required string MetricsPath { get; init; }

    /// <summary>The trial's own wall-clock limit in seconds (the sweep's timeout), or null.</summary>
    [JsonPropertyName("timeout_seconds")]
    public double? TimeoutSeconds { get; init; }

    /// <summary>SIGTERM-to-SIGKILL grace in seconds.</summary>
    [JsonPropertyName("kill_grace_seconds")]
    public double KillGraceSeconds { get; init; } = 5;

    /// <summary>The exit record the task writes when the trial ends by itself.</summary>
    [JsonPropertyName("exit_file")]
    public required string ExitFile { get; init; }

    /// <summary>The spec of a launch.</summary>
    public static SlurmTaskSpec From(TrialLaunch launch, string exitFile)
    {
        ArgumentNullException.ThrowIfNull(launch);
        return new SlurmTaskSpec
        {
            Command = launch.Command,
            WorkingDirectory = launch.WorkingDirectory,
            Environment = launch.Environment,
            LogPath = launch.ResolvedLogPath,
            MetricsPath = launch.ResolvedMetricsPath,
            TimeoutSeconds = launch.Timeout?.TotalSeconds,
            KillGraceSeconds = launch.KillGrace.TotalSeconds,
            ExitFile = exitFile,
        };
    }

    /// <summary>The launch this spec describes.</summary>
    public TrialLaunch ToLaunch() => new()
    {
        Command = Command,
        WorkingDirectory = WorkingDirectory,
        Environment = Environment,
        LogPath = LogPath,
        MetricsPath = MetricsPath,
        Timeout = TimeoutSeconds is double t ? TimeSpan.FromSeconds(t) : null,
        KillGrace = TimeSpan.FromSeconds(KillGraceSeconds),
    };
}
