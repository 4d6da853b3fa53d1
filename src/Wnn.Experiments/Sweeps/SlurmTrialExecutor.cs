using System.Globalization;
using Wnn.Launchers;
using Wnn.Launchers.Slurm;

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
        return Launcher.RunAsync(launch, "job-" + job.Job.ToString(CultureInfo.InvariantCulture), onMetric, stop, () => Adopt(job));
    }

    /// <inheritdoc />
    public void KillAll() => Launcher.CancelAll();

    /// <inheritdoc />
    public void Dispose() => Launcher.Dispose();

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
