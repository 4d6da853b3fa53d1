using System.Collections.Concurrent;
using Wnn.Launchers;

namespace Wnn.Experiments.Sweeps;

/// <summary>Runs each job as a child process in its own process group through <see cref="TrialProcess"/>.</summary>
public sealed class ProcessTrialExecutor : ITrialExecutor
{
    private readonly ConcurrentDictionary<TrialProcess, byte> _running = new();

    /// <summary>How often the metrics file is polled. Default 100 ms.</summary>
    public TimeSpan MetricsPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public async Task<TrialExit> RunAsync(TrialJob job, Action<MetricReport> onMetric, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(job);
        using TrialProcess process = TrialProcess.Start(new TrialLaunch
        {
            Command = job.CommandLine,
            WorkingDirectory = job.RunDir,
            Environment = job.Environment,
            LogPath = job.LogPath,
            MetricsPath = job.MetricsPath,
            Timeout = job.Timeout,
            KillGrace = job.KillGrace,
            MetricsPollInterval = MetricsPollInterval,
        }, onMetric);
        _running[process] = 0;
        try
        {
            using CancellationTokenRegistration registration = stop.Register(() => process.Stop("stopped"));
            return await process.Completion.ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(process, out _);
        }
    }

    /// <inheritdoc />
    public void KillAll()
    {
        foreach (TrialProcess p in _running.Keys)
        {
            p.Kill();
        }
    }
}
