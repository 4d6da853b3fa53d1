using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wnn.Launchers;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Runs a built-in objective in this process through the same model as a child process: it gets the job's config, reports
/// metrics (appended to metrics.jsonl and handed to the controller) and writes log lines to run.log; cancellation stops it.
/// </summary>
public sealed class InProcessTrialExecutor : ITrialExecutor
{
    private readonly Func<TrialJob, InProcessTrialContext, CancellationToken, Task> _objective;
    private readonly CancellationTokenSource _killAll = new();

    /// <summary>Wraps an objective.</summary>
    public InProcessTrialExecutor(Func<TrialJob, InProcessTrialContext, CancellationToken, Task> objective) => _objective = objective ?? throw new ArgumentNullException(nameof(objective));

    /// <inheritdoc />
    public async Task<TrialExit> RunAsync(TrialJob job, Action<MetricReport> onMetric, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(job);
        Directory.CreateDirectory(job.RunDir);
        var clock = Stopwatch.StartNew();
        using var timeout = job.Timeout is TimeSpan t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token, _killAll.Token);
        using var context = new InProcessTrialContext(job, onMetric);
        try
        {
            await Task.Run(() => _objective(job, context, linked.Token), CancellationToken.None).ConfigureAwait(false);
            return new TrialExit { Outcome = TrialOutcome.Exited, ExitCode = 0, Elapsed = clock.Elapsed, LogTail = context.Tail };
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            bool timedOut = timeout.IsCancellationRequested && !stop.IsCancellationRequested;
            return new TrialExit
            {
                Outcome = timedOut ? TrialOutcome.TimedOut : TrialOutcome.Stopped,
                ExitCode = 143,
                Reason = timedOut ? "timeout" : "stopped",
                Elapsed = clock.Elapsed,
                LogTail = context.Tail,
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Log($"error: {ex.GetType().Name}: {ex.Message}");
            return new TrialExit { Outcome = TrialOutcome.Exited, ExitCode = 1, Elapsed = clock.Elapsed, LogTail = context.Tail };
        }
    }

    /// <inheritdoc />
    public void KillAll() => _killAll.Cancel();
}
