using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class StudyAsyncTests
{
    [Fact]
    public async Task OptimizeAsync_keeps_at_most_max_concurrency_trials_in_flight_and_runs_exactly_n()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3) });
        int inFlight = 0, peak = 0;
        await study.OptimizeAsync(async (t, ct) =>
        {
            double x = t.SuggestFloat("x", -1, 1);
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref inFlight);
            return x * x;
        }, nTrials: 12, maxConcurrency: 3);
        Assert.Equal(12, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.InRange(peak, 2, 3);
    }

    [Fact]
    public async Task OptimizeAsync_prunes_fails_and_records_cancelled_trials()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        using var cts = new CancellationTokenSource();
        int calls = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => study.OptimizeAsync(async (t, ct) =>
        {
            int n = Interlocked.Increment(ref calls);
            t.SuggestFloat("x", 0, 1);
            switch (n)
            {
                case 1: throw new TrialPrunedException();
                case 2: throw new InvalidOperationException("boom");
                case 3: return 1.0;
                default:
                    await cts.CancelAsync();
                    await Task.Delay(Timeout.Infinite, ct);
                    return 0;
            }
        }, nTrials: 10, maxConcurrency: 1, cancellationToken: cts.Token));
        Assert.Equal([TrialState.Pruned, TrialState.Failed, TrialState.Complete, TrialState.Failed], study.Trials.Select(t => t.State));
        Assert.Equal("InvalidOperationException: boom", study.Trials[1].SystemAttributes[StorageAttributes.FailReason]);
        Assert.Equal("cancelled", study.Trials[3].SystemAttributes[StorageAttributes.FailReason]);
    }

    [Fact]
    public void AskWaiting_claims_only_enqueued_trials()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        Assert.Null(study.AskWaiting());
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25 });
        Trial t = study.AskWaiting()!;
        Assert.Equal(0.25, t.SuggestFloat("x", 0, 1));
        Assert.Null(study.AskWaiting());
        Assert.Single(study.Trials);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
