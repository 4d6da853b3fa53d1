using System.Globalization;
using Wnn.Launchers;
using Wnn.Launchers.Slurm;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>Runs each job as a Slurm array task through <see cref="SlurmLauncher"/> (scripts and Slurm logs under &lt;sweep dir&gt;/.slurm/).</summary>
public sealed class SlurmTrialExecutor : ITrialExecutor, IDisposable
{
    /// <summary>The launcher's directory name inside a sweep directory.</summary>
    public const string DirectoryName = ".slurm";

    /// <summary>The file in <see cref="DirectoryName"/> that records the sweep's Slurm options, so resume, work and stop use Slurm too.</summary>
    public const string OptionsFile = "options.json";

    /// <summary>Creates an executor for the sweep in <paramref name="sweepDir"/>; <paramref name="runner"/> runs a task spec on the node.</summary>
    public SlurmTrialExecutor(SlurmOptions options, string sweepDir, string sweepId, IReadOnlyList<string> runner)
    {
        Launcher = new SlurmLauncher(options, Path.Combine(sweepDir, DirectoryName), "wnn-" + sweepId, runner);
    }

    /// <summary>The launcher (its job ids, its poll interval).</summary>
    public SlurmLauncher Launcher { get; }

    /// <inheritdoc />
    public Task<TrialExit> RunAsync(TrialJob job, Action<MetricReport> onMetric, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(job);
        var launch = new TrialLaunch
        {
            Command = job.CommandLine,
            WorkingDirectory = job.RunDir,
            Environment = job.Environment,
            LogPath = job.LogPath,
            MetricsPath = job.MetricsPath,
            Timeout = job.Timeout,
            KillGrace = job.KillGrace,
        };
        return Launcher.RunAsync(launch, Key(job.Job), onMetric, stop, () => Adopt(job));
    }

    /// <inheritdoc />
    public void KillAll() => Launcher.CancelAll();

    /// <inheritdoc />
    public void Dispose() => Launcher.Dispose();

    /// <summary>
    /// The Slurm part of `wnn sweep stop`: cancels the tasks of trials that no live controller heartbeats (it died or was
    /// killed) and fails those trials so that resume runs them again; a live controller's tasks are left to it (it sees the
    /// stop request and cancels them). Waits up to the heartbeat grace for the live ones to go. Returns the tasks cancelled.
    /// </summary>
    public static async Task<int> CancelOrphanedAsync(SweepWorkspace workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        string dir = Path.Combine(workspace.Directory, DirectoryName);
        TimeSpan grace = workspace.Definition.Execution.Heartbeat * 3;
        DateTime end = DateTime.UtcNow + grace + TimeSpan.FromSeconds(2);
        int cancelled = 0;
        while (true)
        {
            // Trials silent for the grace period are failed and queued again (as resume would); the rest have a live controller.
            workspace.Study.FailStaleTrials(grace);
            HashSet<string> live = Live(workspace);
            cancelled += (await SlurmLauncher.CancelRecordedAsync(dir, live.Contains, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)).Count;
            if (!SlurmLauncher.RecordedKeys(dir).Any(k => Live(workspace).Contains(k)) || DateTime.UtcNow > end)
            {
                return cancelled;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Key(int job) => "job-" + job.ToString(CultureInfo.InvariantCulture);

    private static HashSet<string> Live(SweepWorkspace workspace) =>
        [.. workspace.Study.GetTrials(TrialState.Running).Select(t => Key(SweepWorkspace.JobOf(t)))];

    /// <summary>A task still queued or running from an earlier controller is adopted: the log and metrics the controller set aside for this attempt are its own, so they go back.</summary>
    private static void Adopt(TrialJob job)
    {
        string suffix = "." + job.TrialNumber.ToString(CultureInfo.InvariantCulture) + ".prev";
        foreach (string path in new[] { job.LogPath, job.MetricsPath })
        {
            if (File.Exists(path + suffix) && !File.Exists(path))
            {
                File.Move(path + suffix, path);
            }
        }
    }
}
