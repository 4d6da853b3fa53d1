using Wnn.Launchers;

namespace Wnn.Experiments.Sweeps;

/// <summary>Runs one job to its end: a child process (<see cref="ProcessTrialExecutor"/>) or a built-in objective in this process (<see cref="InProcessTrialExecutor"/>).</summary>
public interface ITrialExecutor
{
    /// <summary>Runs the job, handing each metrics line to <paramref name="onMetric"/>; cancelling <paramref name="stop"/> ends it (outcome Stopped).</summary>
    Task<TrialExit> RunAsync(TrialJob job, Action<MetricReport> onMetric, CancellationToken stop);

    /// <summary>Ends every running job at once (SIGKILL for processes).</summary>
    void KillAll();
}
