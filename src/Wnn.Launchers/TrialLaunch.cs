namespace Wnn.Launchers;

/// <summary>What to start for one trial: the command, where it runs, its environment, where its output and metrics go, and its time limit.</summary>
public sealed record TrialLaunch
{
    /// <summary>The executable and its arguments (no shell is involved).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The trial's working directory (created when missing).</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Extra environment variables, on top of the launcher's own environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The file stdout and stderr are appended to as they arrive. Default: run.log in the working directory.</summary>
    public string? LogPath { get; init; }

    /// <summary>The metrics file (one JSON object per line). Default: metrics.jsonl in the working directory.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>Wall-clock limit; the process group is ended and the trial reported as timed out. Null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Time between SIGTERM and SIGKILL when the trial is ended. Default 5 s.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the metrics file is read for new lines. Default 100 ms.</summary>
    public TimeSpan MetricsPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The resolved log path.</summary>
    public string ResolvedLogPath => LogPath ?? Path.Combine(WorkingDirectory, "run.log");

    /// <summary>The resolved metrics path.</summary>
    public string ResolvedMetricsPath => MetricsPath ?? Path.Combine(WorkingDirectory, MetricsProtocol.FileName);
}
