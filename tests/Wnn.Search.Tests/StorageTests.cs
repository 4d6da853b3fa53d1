using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class StorageTests
{
    [Fact]
    public void A_waiting_trial_is_claimed_by_exactly_one_of_many_concurrent_workers()
    {
        var storage = new InMemoryStudyStorage();
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
    public void A_trial_is_finished_at_most_once()
    {
        var storage = new InMemoryStudyStorage();
        long study = storage.CreateStudy("s", [StudyDirection.Minimize]);
        FrozenTrial t = storage.CreateTrial(study, TrialState.Running);
        Assert.True(storage.FinishTrial(t.Id, TrialState.Complete, [1.0]));
        Assert.False(storage.FinishTrial(t.Id, TrialState.Failed, null));
        Assert.Equal(TrialState.Complete, storage.GetTrial(t.Id).State);
        Assert.Throws<InvalidOperationException>(() => storage.SetTrialParameter(t.Id, "x", 0.5, new FloatDistribution(0, 1)));
        Assert.Throws<KeyNotFoundException>(() => storage.GetTrial(999));
    }

    [Fact]
    public void Stale_running_trials_fail_and_are_requeued_with_their_parameters()
    {
        var clock = new ManualTimeProvider();
        var storage = new InMemoryStudyStorage(clock);
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
        Assert.Equal(dead.Number, retry.Snapshot().SystemAttributes[StorageAttributes.RetriedFrom]);
        Assert.Throws<InvalidOperationException>(() => study.Tell(dead, 1.0));
    }

    [Fact]
    public void Ask_with_heartbeats_enabled_fails_stale_trials_first()
    {
        var clock = new ManualTimeProvider();
        var storage = new InMemoryStudyStorage(clock);
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
        var storage = new InMemoryStudyStorage();
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
}
