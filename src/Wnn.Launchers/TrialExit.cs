namespace Wnn.Launchers;

/// <summary>The end of a trial process: how it ended, its exit code, why it was stopped and the last lines of its log.</summary>
public sealed record TrialExit
{
    /// <summary>How it ended.</summary>
    public required TrialOutcome Outcome { get; init; }

    /// <summary>The exit code (128 + signal for a process ended by a signal); null when it never started.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The reason given to <see cref="TrialProcess.Stop"/>, "timeout", or why the start failed.</summary>
    public string? Reason { get; init; }

    /// <summary>Wall-clock time from start to exit.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The last lines of stdout and stderr (at most a few kilobytes).</summary>
    public string LogTail { get; init; } = "";

    /// <summary>True for a process that exited by itself with code 0.</summary>
    public bool Succeeded => Outcome == TrialOutcome.Exited && ExitCode == 0;
}
