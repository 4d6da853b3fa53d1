namespace Wnn.Search;

/// <summary>Asynchronous optimization: objectives that wait (for processes, I/O) without holding threads.</summary>
public sealed partial class Study
{
    /// <summary>Like <see cref="Ask"/>, but only claims an enqueued trial: returns null when none waits (a fixed budget of enqueued trials is never exceeded).</summary>
    public Trial? AskWaiting(IReadOnlyDictionary<string, ParameterDistribution>? fixedDistributions = null) => AskCore(fixedDistributions, create: false);

    /// <summary>
    /// Runs an asynchronous single-objective function until nTrials trials ran, <see cref="Stop"/> was called, a finite sampler is
    /// exhausted or the token is cancelled; at most maxConcurrency trials are in flight. A <see cref="TrialPrunedException"/> prunes the
    /// trial; any other exception fails it (with the exception as reason) and the loop goes on; a trial still running when the token is
    /// cancelled is failed with reason "cancelled" and the method then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task OptimizeAsync(Func<Trial, CancellationToken, Task<double>> objective, int? nTrials = null, int maxConcurrency = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        if (nTrials is int n && n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nTrials), n, "nTrials must be positive (or null for no limit).");
        }

        if (nTrials is null && !cancellationToken.CanBeCanceled && Sampler is not Samplers.IFiniteSampler)
        {
            throw new ArgumentException("OptimizeAsync needs nTrials, a cancellable token or a finite sampler; otherwise it would never stop.", nameof(nTrials));
        }

        _stopRequested = false;
        using StudyHeartbeats? beats = _options.HeartbeatInterval is TimeSpan interval ? new StudyHeartbeats(Storage, interval) : null;
        using var slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var running = new List<Task>();
        int launched = 0;
        try
        {
            while (!_stopRequested && !cancellationToken.IsCancellationRequested && (nTrials is null || launched < nTrials))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (_stopRequested || cancellationToken.IsCancellationRequested || (Sampler is Samplers.IFiniteSampler finite && finite.IsExhausted(this)))
                {
                    slots.Release();
                    break;
                }

                Trial trial = Ask();
                launched++;
                beats?.Add(trial.Id);
                running.Add(RunTrialAsync(trial, objective, slots, beats, cancellationToken));
                running.RemoveAll(t => t.IsCompleted);
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task RunTrialAsync(Trial trial, Func<Trial, CancellationToken, Task<double>> objective, SemaphoreSlim slots, StudyHeartbeats? beats, CancellationToken cancellationToken)
    {
        try
        {
            double value;
            try
            {
                value = await Task.Run(() => objective(trial, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                beats?.Remove(trial.Id);
            }

            Tell(trial, value);
        }
        catch (TrialPrunedException)
        {
            Tell(trial, TrialState.Pruned);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            TellFailed(trial, "cancelled");
        }
        catch (Exception ex)
        {
            TellFailed(trial, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            slots.Release();
        }
    }
}
