using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Runs the jobs of a sweep: claims waiting trials of its study (one atomic claim per job, so several controllers on one
/// storage never run a job twice), starts them through an <see cref="ITrialExecutor"/> with at most max_parallel at once,
/// feeds intermediate values to the pruner, records every outcome, retries failures, applies early stopping and, on an
/// interrupt, ends running trials and enqueues them again so a resume re-runs them.
/// </summary>
public sealed partial class SweepController
{
    private readonly SweepWorkspace _workspace;
    private readonly ITrialExecutor _executor;
    private readonly ISweepObserver? _observer;
    private readonly SweepDefinition _definition;
    private readonly Study _study;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly Lock _gate = new();
    private readonly EarlyStopTracker? _early;
    private readonly Strategies.ISweepPlan? _plan;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, Trial> _live = new();
    private int _complete;
    private int _failed;
    private int _pruned;
    private int _missingMetric;
    private string? _stopReason;
    private bool _failedFast;

    /// <summary>Creates a controller for an opened sweep.</summary>
    public SweepController(SweepWorkspace workspace, ITrialExecutor executor, ISweepObserver? observer = null)
    {
        _workspace = workspace ?? throw new ArgumentNullException(nameof(workspace));
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _definition = workspace.Definition;
        _observer = _definition.Hooks is ISweepHooks hooks ? hooks.Observe(workspace, observer) : observer;
        _study = workspace.Study;
        _plan = Strategies.SweepPlans.Create(_definition);
        if (_definition.Execution.EarlyStopping is SweepEarlyStopping es)
        {
            _early = new EarlyStopTracker(es, _definition.Optimization.Direction);
        }
    }

    /// <summary>Ends every running trial at once (a second Ctrl+C); the trials stay Running until their heartbeat goes stale.</summary>
    public void KillAll() => _executor.KillAll();

    /// <summary>Runs until every job is finished, early stopping or fail-fast stops launching, or the token is cancelled (then running trials are ended and re-enqueued).</summary>
    public async Task<SweepOutcome> RunAsync(CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration onCancel = cancellationToken.Register(() => Interrupt("interrupted"));
        File.Delete(Path.Combine(_workspace.Directory, SweepWorkspace.StopFile));
        IReadOnlyList<FrozenTrial> existing = _study.Trials;
        _early?.Seed(existing.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Completed));
        int finishedJobs = JobsFinished(existing, out int finishedOk);
        _observer?.Started(_definition, _workspace.Id, _definition.JobCount, finishedJobs, finishedOk);
        if (_early?.StopReason is string already)
        {
            _stopReason = already;
        }

        using var slots = new SemaphoreSlim(_definition.Execution.MaxParallel, _definition.Execution.MaxParallel);
        var running = new List<Task>();
        TimeSpan poll = TimeSpan.FromMilliseconds(Math.Clamp(_definition.Execution.Heartbeat.TotalMilliseconds / 2, 50, 1000));
        bool waitingNoted = false;
        using var beats = new CancellationTokenSource();
        Task heartbeats = Task.Run(() => HeartbeatLoopAsync(beats.Token), CancellationToken.None);
        var runClock = System.Diagnostics.Stopwatch.StartNew();
        while (!_interrupt.IsCancellationRequested && Volatile.Read(ref _stopReason) is null)
        {
            if (File.Exists(Path.Combine(_workspace.Directory, SweepWorkspace.StopFile)))
            {
                Interrupt("stop requested");
                break;
            }

            try
            {
                await slots.WaitAsync(_interrupt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (_interrupt.IsCancellationRequested || Volatile.Read(ref _stopReason) is not null || TimeIsUp(runClock))
            {
                slots.Release();
                break;
            }

            Trial? trial = await Task.Run(() => _study.AskWaiting(), CancellationToken.None).ConfigureAwait(false);
            if (trial is null)
            {
                slots.Release();
                running.RemoveAll(t => t.IsCompleted);
                if (running.Count > 0)
                {
                    await Task.WhenAny(Task.WhenAny(running), Task.Delay(poll, CancellationToken.None)).ConfigureAwait(false);
                    continue;
                }

                if (_study.GetTrials(TrialState.Running).Count == 0 && _study.GetTrials(TrialState.Waiting).Count == 0)
                {
                    // A planning strategy's next batch depends only on the finished trials, so a resume plans the same one.
                    IReadOnlyList<Strategies.PlannedJob> batch = _plan?.Next(_study.Trials) ?? [];
                    if (batch.Count == 0 || _interrupt.IsCancellationRequested || Volatile.Read(ref _stopReason) is not null)
                    {
                        break;
                    }

                    int first = _workspace.EnqueuePlanned(batch);
                    _observer?.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_plan!.Describe(batch)} (jobs {first}..{first + batch.Count - 1})"));
                    continue;
                }

                if (!waitingNoted)
                {
                    _observer?.Note("waiting for trials running elsewhere (another worker, or a dead controller's until their heartbeat goes stale)");
                    waitingNoted = true;
                }

                await Task.Delay(poll, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            running.Add(RunJobAsync(trial, slots));
            running.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        await beats.CancelAsync().ConfigureAwait(false);
        await heartbeats.ConfigureAwait(false);
        IReadOnlyList<FrozenTrial> all = _study.Trials;
        return new SweepOutcome
        {
            Complete = _complete,
            Failed = _failed,
            Pruned = _pruned,
            Remaining = all.Count(t => t.State is TrialState.Waiting or TrialState.Running),
            Interrupted = _interrupt.IsCancellationRequested && !_failedFast,
            StopReason = _stopReason,
            FailedFast = _failedFast,
            MetricNeverReported = _missingMetric > 0 && _missingMetric == _failed && all.All(t => t.State != TrialState.Complete),
            Best = all.Any(t => t.State == TrialState.Complete) && !_study.IsMultiObjective ? _study.BestTrial : null,
        };
    }

    /// <summary>How many jobs are finished for good (their last attempt is finished and nothing waits or runs for them).</summary>
    public static int JobsFinished(IReadOnlyList<FrozenTrial> trials, out int complete)
    {
        int finished = 0;
        complete = 0;
        foreach (IGrouping<int, FrozenTrial> job in trials.Where(t => SweepWorkspace.JobOf(t) >= 0).GroupBy(SweepWorkspace.JobOf))
        {
            if (job.All(t => t.IsFinished))
            {
                finished++;
                if (job.Any(t => t.State is TrialState.Complete))
                {
                    complete++;
                }
            }
        }

        return finished;
    }

    /// <summary>Like Optuna's optimize(timeout=…): once the run is older than the limit, start nothing new and let the running trials finish.</summary>
    private bool TimeIsUp(System.Diagnostics.Stopwatch runClock)
    {
        if (_definition.Execution.MaxDuration is not TimeSpan limit || runClock.Elapsed < limit)
        {
            return false;
        }

        string why = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"time limit of {limit.TotalHours:0.######} h reached");
        lock (_gate)
        {
            _stopReason ??= why;
        }

        _observer?.Note(why + "; no new jobs started (resume runs the rest)");
        return true;
    }

    private void Interrupt(string reason)
    {
        if (!_interrupt.IsCancellationRequested)
        {
            _observer?.Note(reason + ": ending running trials; `wnn sweep resume` re-runs them");
            _interrupt.Cancel();
        }
    }
}
