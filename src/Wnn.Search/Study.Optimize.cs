using System.Diagnostics;
using Wnn.Search.Samplers;

namespace Wnn.Search;

/// <summary>The optimize loop.</summary>
public sealed partial class Study
{
    /// <summary>
    /// Runs a single-objective function until nTrials trials ran, the timeout passed, <see cref="Stop"/> was called, a finite sampler
    /// is exhausted or the token is cancelled. nJobs threads run trials concurrently (-1: one per core; results then depend on timing).
    /// Exceptions of the listed types fail the trial and the loop goes on; others fail the trial and propagate. An enqueued value
    /// that does not fit its distribution (<see cref="EnqueuedValueException"/>) fails that trial, naming the value, and the loop goes on.
    /// Each callback runs after every finished trial (one at a time, also with several jobs); <see cref="MaxTrialsCallback"/> stops
    /// the loop at a trial count across all workers. An exception thrown by a callback propagates.
    /// </summary>
    public void Optimize(Func<Trial, double> objective, int? nTrials = null, TimeSpan? timeout = null, int nJobs = 1, IReadOnlyCollection<Type>? catchExceptions = null, IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        OptimizeCore(t => [objective(t)], nTrials, timeout, nJobs, catchExceptions, callbacks, cancellationToken);
    }

    /// <summary>Runs a multi-objective function (one value per direction); see the single-objective overload.</summary>
    public void OptimizeMultiObjective(Func<Trial, IReadOnlyList<double>> objective, int? nTrials = null, TimeSpan? timeout = null, int nJobs = 1, IReadOnlyCollection<Type>? catchExceptions = null, IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        OptimizeCore(objective, nTrials, timeout, nJobs, catchExceptions, callbacks, cancellationToken);
    }

    private void OptimizeCore(Func<Trial, IReadOnlyList<double>> objective, int? nTrials, TimeSpan? timeout, int nJobs, IReadOnlyCollection<Type>? catchExceptions, IReadOnlyList<Action<Study, FrozenTrial>>? callbacks, CancellationToken cancellationToken)
    {
        if (nTrials is int n && n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nTrials), n, "nTrials must be positive (or null for no limit).");
        }

        if (nJobs == -1)
        {
            nJobs = Environment.ProcessorCount;
        }

        if (nJobs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nJobs), nJobs, "nJobs must be positive, or -1 for one per core.");
        }

        if (timeout is TimeSpan t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "timeout must be positive (or null for none).");
        }

        if (nTrials is null && timeout is null && !cancellationToken.CanBeCanceled && Sampler is not IFiniteSampler && !(callbacks?.Any(c => c.Target is MaxTrialsCallback) ?? false))
        {
            throw new ArgumentException("Optimize needs nTrials, a timeout, a cancellable token, a MaxTrialsCallback or a finite sampler; otherwise it would never stop.", nameof(nTrials));
        }

        if (callbacks is not null && callbacks.Any(c => c is null))
        {
            throw new ArgumentException("Optimize: a callback is null.", nameof(callbacks));
        }

        _stopRequested = false;
        var clock = Stopwatch.StartNew();
        int launched = 0;
        using StudyHeartbeats? beats = _options.HeartbeatInterval is TimeSpan interval ? new StudyHeartbeats(Storage, interval) : null;

        void Worker()
        {
            while (!_stopRequested && !cancellationToken.IsCancellationRequested && (timeout is null || clock.Elapsed < timeout))
            {
                if (nTrials is int limit && Interlocked.Increment(ref launched) > limit)
                {
                    return;
                }

                if (Sampler is IFiniteSampler finite && finite.IsExhausted(this))
                {
                    return;
                }

                FrozenTrial finished = RunTrial(objective, catchExceptions, beats);
                if (callbacks is { Count: > 0 })
                {
                    lock (_callbackGate)
                    {
                        foreach (Action<Study, FrozenTrial> callback in callbacks)
                        {
                            callback(this, finished);
                        }
                    }
                }
            }
        }

        if (nJobs == 1)
        {
            Worker();
            return;
        }

        Task[] workers = [.. Enumerable.Range(0, nJobs).Select(_ => Task.Run(Worker, CancellationToken.None))];
        try
        {
            Task.WaitAll(workers, CancellationToken.None);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    private FrozenTrial RunTrial(Func<Trial, IReadOnlyList<double>> objective, IReadOnlyCollection<Type>? catchExceptions, StudyHeartbeats? beats)
    {
        Trial trial = Ask();
        beats?.Add(trial.Id);
        IReadOnlyList<double> values;
        try
        {
            try
            {
                values = objective(trial);
            }
            finally
            {
                beats?.Remove(trial.Id);
            }
        }
        catch (TrialPrunedException)
        {
            return Tell(trial, TrialState.Pruned);
        }
        catch (EnqueuedValueException ex)
        {
            // The user's enqueued point cannot be evaluated as given; the trial records why and the loop goes on.
            return TellFailed(trial, $"{ex.GetType().Name}: {ex.Message}");
        }
        catch (Exception ex)
        {
            FrozenTrial failed = TellFailed(trial, $"{ex.GetType().Name}: {ex.Message}");
            if (catchExceptions is not null && catchExceptions.Any(type => type.IsInstanceOfType(ex)))
            {
                return failed;
            }

            throw;
        }

        return values is null || values.Count != Directions.Count
            ? TellFailed(trial, $"objective returned {values?.Count ?? 0} value(s); the study has {Directions.Count} objective(s)")
            : Tell(trial, TrialState.Complete, values);
    }
}
