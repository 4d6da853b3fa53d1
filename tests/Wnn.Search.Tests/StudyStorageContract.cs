using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

/// <summary>
/// The behaviour every <see cref="IStudyStorage"/> must have, written once; a database-backed storage derives from this
/// class and supplies <see cref="CreateStorage"/> (a fresh, empty storage whose clock is the given time provider).
/// </summary>
public abstract class StudyStorageContract
{
    protected abstract IStudyStorage CreateStorage(TimeProvider clock);

    private IStudyStorage NewStorage() => CreateStorage(TimeProvider.System);

    /// <summary>True when the storage's own calls wait for thread-pool threads (Npgsql's synchronous API does), so a
    /// saturated pool stalls every call whatever the heartbeat design; such a storage is tested with the pool free.</summary>
    protected virtual bool CallsNeedThreadPool => false;

    [Fact]
    public void Studies_are_created_found_listed_and_deleted_by_name()
    {
        IStudyStorage storage = NewStorage();
        long a = storage.CreateStudy("a", [StudyDirection.Minimize]);
        long b = storage.CreateStudy("b", [StudyDirection.Maximize, StudyDirection.Minimize]);
        Assert.Equal(a, storage.FindStudy("a"));
        Assert.Null(storage.FindStudy("c"));
        Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], storage.GetStudy(b).Directions);
        Assert.Throws<InvalidOperationException>(() => storage.CreateStudy("a", [StudyDirection.Minimize]));
        storage.CreateTrial(a, TrialState.Running);
        storage.DeleteStudy(a);
        Assert.Equal(["b"], storage.ListStudies().Select(s => s.Name));
        Assert.Throws<KeyNotFoundException>(() => storage.GetStudy(a));
    }

    [Fact]
    public void Study_user_attributes_are_kept_per_study_overwritten_and_deleted_with_the_study()
    {
        IStudyStorage storage = NewStorage();
        long a = storage.CreateStudy("attrs-a", [StudyDirection.Minimize]);
        long b = storage.CreateStudy("attrs-b", [StudyDirection.Minimize]);
        storage.SetStudyUserAttribute(a, "dataset", "tinystories");
        storage.SetStudyUserAttribute(a, "epochs", 3L);
        storage.SetStudyUserAttribute(a, "epochs", 5L);
        storage.SetStudyUserAttribute(b, "dataset", "wiki");
        IReadOnlyDictionary<string, object?> attrs = storage.GetStudyUserAttributes(a);
        Assert.Equal(2, attrs.Count);
        Assert.Equal("tinystories", attrs["dataset"]);
        Assert.Equal(5L, Convert.ToInt64(attrs["epochs"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("wiki", storage.GetStudyUserAttributes(b)["dataset"]);
        storage.DeleteStudy(a);
        Assert.Throws<KeyNotFoundException>(() => storage.GetStudyUserAttributes(a));
        Assert.Throws<KeyNotFoundException>(() => storage.SetStudyUserAttribute(a, "k", 1));
    }

    [Fact]
    public void Trials_are_numbered_per_study_in_creation_order()
    {
        IStudyStorage storage = NewStorage();
        long a = storage.CreateStudy("a", [StudyDirection.Minimize]);
        long b = storage.CreateStudy("b", [StudyDirection.Minimize]);
        Assert.Equal(0, storage.CreateTrial(a, TrialState.Running).Number);
        Assert.Equal(0, storage.CreateTrial(b, TrialState.Waiting).Number);
        Assert.Equal(1, storage.CreateTrial(a, TrialState.Waiting).Number);
        Assert.Equal([0, 1], storage.GetTrials(a).Select(t => t.Number));
        Assert.Single(storage.GetTrials(a, [TrialState.Waiting]));
        Assert.Throws<ArgumentException>(() => storage.CreateTrial(a, TrialState.Complete));
    }

    [Fact]
    public void A_waiting_trial_is_claimed_by_exactly_one_of_many_concurrent_workers()
    {
        IStudyStorage storage = NewStorage();
        long study = storage.CreateStudy("s", [StudyDirection.Minimize]);
        for (int i = 0; i < 50; i++)
        {
            storage.CreateTrial(study, TrialState.Waiting);
        }

        var claimed = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 8, _ =>
        {
            while (storage.ClaimWaitingTrial(study) is FrozenTrial t)
            {
                claimed.Add(t.Id);
            }
        });
        Assert.Equal(50, claimed.Count);
        Assert.Equal(50, claimed.Distinct().Count());
        Assert.All(storage.GetTrials(study), t => Assert.Equal(TrialState.Running, t.State));
    }

    [Fact]
    public void A_trial_is_finished_at_most_once_and_then_frozen()
    {
        IStudyStorage storage = NewStorage();
        long study = storage.CreateStudy("s", [StudyDirection.Minimize]);
        FrozenTrial t = storage.CreateTrial(study, TrialState.Running);
        storage.SetTrialParameter(t.Id, "x", 0.25, new FloatDistribution(0, 1));
        storage.SetTrialIntermediateValue(t.Id, 3, 0.5);
        storage.SetTrialIntermediateValue(t.Id, 3, 0.7);
        storage.SetTrialConstraints(t.Id, [-1.0, 0.5]);
        Assert.True(storage.FinishTrial(t.Id, TrialState.Complete, [1.0]));
        Assert.False(storage.FinishTrial(t.Id, TrialState.Failed, null));
        FrozenTrial done = storage.GetTrial(t.Id);
        Assert.Equal(TrialState.Complete, done.State);
        Assert.Equal([1.0], done.Values);
        Assert.Equal(0.25, done.Params["x"]);
        Assert.Equal(0.5, done.IntermediateValues[3]);
        Assert.False(done.IsFeasible);
        Assert.Equal(0.5, done.ConstraintViolation);
        Assert.Throws<InvalidOperationException>(() => storage.SetTrialParameter(t.Id, "y", 0.5, new FloatDistribution(0, 1)));
        Assert.Throws<InvalidOperationException>(() => storage.SetTrialIntermediateValue(t.Id, 4, 0.5));
        Assert.Throws<KeyNotFoundException>(() => storage.GetTrial(999_999));
    }

    [Fact]
    public void A_parameter_keeps_its_first_distribution_and_must_lie_inside_it()
    {
        IStudyStorage storage = NewStorage();
        long study = storage.CreateStudy("s", [StudyDirection.Minimize]);
        FrozenTrial t = storage.CreateTrial(study, TrialState.Running);
        storage.SetTrialParameter(t.Id, "k", 1, new CategoricalDistribution(["a", "b"]));
        Assert.Throws<ArgumentException>(() => storage.SetTrialParameter(t.Id, "k", 1, new CategoricalDistribution(["a", "c"])));
        Assert.Throws<ArgumentException>(() => storage.SetTrialParameter(t.Id, "n", 3, new IntDistribution(0, 10, step: 2)));
        Assert.Equal("b", storage.GetTrial(t.Id).Params["k"]);
    }

    [Fact]
    public void Stale_running_trials_fail_and_are_requeued_with_their_parameters()
    {
        var clock = new ManualTimeProvider();
        IStudyStorage storage = CreateStorage(clock);
        Study study = Study.Create(new StudyOptions { Storage = storage, Sampler = new RandomSampler(3), Pruner = new NopPruner(), RetryStaleTrials = true });
        Trial dead = study.Ask();
        double x = dead.SuggestFloat("x", 0, 1);
        Trial alive = study.Ask();
        alive.SuggestFloat("x", 0, 1);
        clock.Advance(TimeSpan.FromSeconds(50));
        alive.Heartbeat();
        clock.Advance(TimeSpan.FromSeconds(20));

        IReadOnlyList<FrozenTrial> failed = study.FailStaleTrials(TimeSpan.FromSeconds(60));

        Assert.Equal([dead.Number], failed.Select(t => t.Number));
        Assert.Equal(TrialState.Failed, storage.GetTrial(dead.Id).State);
        Assert.Equal(TrialState.Running, storage.GetTrial(alive.Id).State);
        Trial retry = study.Ask();
        Assert.Equal(2, retry.Number);
        Assert.Equal(x, retry.SuggestFloat("x", 0, 1));
        Assert.Equal(dead.Number, Convert.ToInt32(retry.Snapshot().SystemAttributes[StorageAttributes.RetriedFrom], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Throws<InvalidOperationException>(() => study.Tell(dead, 1.0));
    }

    [Fact]
    public void A_stale_enqueued_trial_that_never_wrote_its_parameters_is_requeued_with_its_enqueued_values()
    {
        var clock = new ManualTimeProvider();
        IStudyStorage storage = CreateStorage(clock);
        Study study = Study.Create(new StudyOptions { Storage = storage, Sampler = new RandomSampler(3), Pruner = new NopPruner(), RetryStaleTrials = true });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["k"] = "b" }, new Dictionary<string, object?> { ["job"] = 7 });
        Trial dead = study.AskWaiting()!; // claimed, then the worker died before suggesting (nothing flushed)
        clock.Advance(TimeSpan.FromSeconds(70));

        Assert.Equal([dead.Number], study.FailStaleTrials(TimeSpan.FromSeconds(60)).Select(t => t.Number));
        Trial retry = study.AskWaiting()!;
        Assert.Equal(0.25, retry.SuggestFloat("x", 0, 1));
        Assert.Equal("b", retry.SuggestCategorical("k", ["a", "b"]));
        Assert.Equal(7, Convert.ToInt32(retry.Snapshot().UserAttributes["job"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ask_with_heartbeats_enabled_fails_stale_trials_first()
    {
        var clock = new ManualTimeProvider();
        IStudyStorage storage = CreateStorage(clock);
        Study study = Study.Create(new StudyOptions { Storage = storage, Sampler = new RandomSampler(3), HeartbeatInterval = TimeSpan.FromSeconds(10) });
        Trial zombie = study.Ask();
        clock.Advance(TimeSpan.FromSeconds(21));
        study.Ask();
        Assert.Equal(TrialState.Failed, zombie.Snapshot().State);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Waiting);
    }

    [Fact]
    public void Two_study_handles_on_one_storage_share_trials()
    {
        IStudyStorage storage = NewStorage();
        Study a = Study.Create(new StudyOptions { Name = "shared", Storage = storage, Sampler = new RandomSampler(1) });
        Study b = Study.Create(new StudyOptions { Name = "shared", Storage = storage, Sampler = new RandomSampler(2), LoadIfExists = true });
        a.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });
        Trial tb = b.Ask();
        Trial ta = a.Ask();
        Assert.Equal(0.5, tb.SuggestFloat("x", 0, 1));
        Assert.NotEqual(tb.Number, ta.Number);
        b.Tell(tb, 1.0);
        a.Tell(ta, 2.0);
        Assert.Equal(1.0, a.BestValue);
        Assert.Single(storage.ListStudies());
    }

    [Fact]
    public void Concurrent_workers_on_two_handles_complete_every_trial_once()
    {
        IStudyStorage storage = NewStorage();
        Study a = Study.Create(new StudyOptions { Name = "w", Storage = storage, Sampler = new RandomSampler(1), Pruner = new NopPruner() });
        Study b = Study.Create(new StudyOptions { Name = "w", Storage = storage, Sampler = new RandomSampler(2), Pruner = new NopPruner(), LoadIfExists = true });
        for (int i = 0; i < 20; i++)
        {
            a.EnqueueTrial(new Dictionary<string, object?> { ["x"] = i / 20.0 });
        }

        Parallel.Invoke(
            () => a.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 15, nJobs: 2),
            () => b.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 15, nJobs: 2));
        IReadOnlyList<FrozenTrial> trials = a.Trials;
        Assert.Equal(30, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(20, trials.Where(t => t.SystemAttributes.ContainsKey(StorageAttributes.FixedParams)).Select(t => (double)t.Params["x"]!).Distinct().Count());
    }

    [Fact]
    public void Optimize_with_two_jobs_keeps_heartbeats_going_while_the_thread_pool_is_saturated()
    {
        IStudyStorage storage = NewStorage();
        Study study = Study.Create(new StudyOptions
        {
            Name = "beats", Storage = storage, Sampler = new RandomSampler(5), Pruner = new NopPruner(),
            HeartbeatInterval = TimeSpan.FromMilliseconds(50), GracePeriod = TimeSpan.FromMinutes(5),
        });
        using var started = new CountdownEvent(2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); // blockers may start after the test ends
        int queued = 0;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        try
        {
            study.Optimize(t =>
            {
                started.Signal();
                Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the second job never started");
                if (!CallsNeedThreadPool && Interlocked.Exchange(ref queued, 1) == 0)
                {
                    // Work queued ahead of any timer callback: a heartbeat that needs a pool thread waits behind all of it.
                    for (int i = 0; i < 64; i++)
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(_ => release.Task.Wait(TimeSpan.FromSeconds(30)), null);
                    }
                }

                var beats = new HashSet<DateTimeOffset>();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
                {
                    if (storage.GetTrial(t.Id).LastHeartbeat is DateTimeOffset beat)
                    {
                        beats.Add(beat);
                    }

                    Thread.Sleep(20);
                }

                seen[t.Number] = beats.Count;
                return t.Number;
            }, nTrials: 2, nJobs: 2);
        }
        finally
        {
            release.SetResult();
        }

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal([0, 1], seen.Keys.Order());
        // About 30 beats in 1.5 s; a heartbeat that depends on the thread pool records none after the first.
        Assert.All(seen, kv => Assert.True(kv.Value >= 3, $"trial {kv.Key}: {kv.Value} distinct heartbeats in 1.5 s"));
    }
}
