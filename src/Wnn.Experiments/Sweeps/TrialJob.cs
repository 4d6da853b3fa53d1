namespace Wnn.Experiments.Sweeps;

/// <summary>One job handed to an <see cref="ITrialExecutor"/>: its number, run directory, full command line, environment, config and limits.</summary>
public sealed record TrialJob
{
    /// <summary>The job number (its run directory's name by default); kept across retries and resumes.</summary>
    public required int Job { get; init; }

    /// <summary>The study trial number of this attempt.</summary>
    public required int TrialNumber { get; init; }

    /// <summary>The sweep id.</summary>
    public required string SweepId { get; init; }

    /// <summary>The run directory (the trial's working directory).</summary>
    public required string RunDir { get; init; }

    /// <summary>The full command line: the sweep's command followed by the overrides in the chosen style.</summary>
    public required IReadOnlyList<string> CommandLine { get; init; }

    /// <summary>Environment variables for the trial (run dir, trial number, sweep id, metrics file, config file).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The resolved config (also in cfg.yaml).</summary>
    public required IReadOnlyDictionary<string, object?> Config { get; init; }

    /// <summary>The job's overrides in order (also in overrides.yaml).</summary>
    public required IReadOnlyList<KeyValuePair<string, object?>> Overrides { get; init; }

    /// <summary>Wall-clock limit, or null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>SIGTERM-to-SIGKILL grace.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The metrics file path.</summary>
    public string MetricsPath => Path.Combine(RunDir, Launchers.MetricsProtocol.FileName);

    /// <summary>The run log path.</summary>
    public string LogPath => Path.Combine(RunDir, "run.log");
}
