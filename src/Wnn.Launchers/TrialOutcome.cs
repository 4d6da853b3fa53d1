namespace Wnn.Launchers;

/// <summary>How a trial process ended.</summary>
public enum TrialOutcome
{
    /// <summary>The process exited by itself (see the exit code).</summary>
    Exited,

    /// <summary>The time limit passed and the process group was ended.</summary>
    TimedOut,

    /// <summary>The process group was ended on request (pruned, cancelled, stopped).</summary>
    Stopped,

    /// <summary>The process could not be started.</summary>
    StartFailed,
}
