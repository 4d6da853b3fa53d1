using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class StudyTests
{
    private static Study NewStudy(params StudyDirection[] directions) => Study.Create(new StudyOptions
    {
        Directions = directions.Length == 0 ? [StudyDirection.Minimize] : directions,
        Sampler = new RandomSampler(1),
        Pruner = new NopPruner(),
    });

    [Fact]
    public void Define_by_run_suggests_values_inside_their_domains()
    {
        Study study = NewStudy();
        study.Optimize(t =>
        {
            double lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
            int layers = t.SuggestInt("layers", 1, 4);
            string kind = t.SuggestCategorical("kind", ["a", "b"]);
            Assert.InRange(lr, 1e-5, 1e-1);
            Assert.InRange(layers, 1, 4);
            Assert.Contains(kind, new[] { "a", "b" });
            return lr * layers;
        }, nTrials: 20);
        Assert.Equal(20, study.GetTrials(TrialState.Complete).Count);
        Assert.Equal(study.Trials.Min(t => t.Value), study.BestValue);
    }

    [Fact]
    public void Conditional_parameters_appear_only_in_their_branch()
    {
        Study study = NewStudy();
        study.Optimize(t =>
        {
            string kind = t.SuggestCategorical("kind", ["svm", "tree"]);
            return kind == "svm" ? t.SuggestFloat("c", 0.1, 10, log: true) : t.SuggestInt("depth", 1, 8);
        }, nTrials: 30);
        foreach (FrozenTrial t in study.Trials)
        {
            Assert.Equal((string)t.Params["kind"]! == "svm", t.Params.ContainsKey("c"));
            Assert.Equal((string)t.Params["kind"]! == "tree", t.Params.ContainsKey("depth"));
        }
    }

    [Fact]
    public void Same_name_and_distribution_returns_the_same_value_and_a_different_distribution_throws()
    {
        Study study = NewStudy();
        Trial trial = study.Ask();
        double first = trial.SuggestFloat("x", 0, 1);
        Assert.Equal(first, trial.SuggestFloat("x", 0, 1));
        var ex = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0, 2));
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("x", 0, 1));
        study.Tell(trial, first);
        Assert.Single(study.Trials[0].Params);
    }

    [Fact]
    public void Tell_for_a_finished_or_foreign_trial_throws_and_leaves_the_study_intact()
    {
        Study study = NewStudy();
        Trial trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        study.Tell(trial, 1.0);
        Assert.Throws<InvalidOperationException>(() => study.Tell(trial, 2.0));
        Assert.Throws<ArgumentException>(() => study.Tell(7, TrialState.Complete, [1.0]));
        Study other = NewStudy();
        Assert.Throws<ArgumentException>(() => other.Tell(trial, 1.0));
        Assert.Equal(1.0, study.Trials[0].Value);
        Assert.Equal(TrialState.Complete, study.Trials[0].State);
    }

    [Fact]
    public void Tell_with_the_wrong_number_of_values_throws_and_keeps_the_trial_running()
    {
        Study study = NewStudy(StudyDirection.Minimize, StudyDirection.Maximize);
        Trial trial = study.Ask();
        Assert.Throws<ArgumentException>(() => study.Tell(trial, 1.0));
        Assert.Equal(TrialState.Running, trial.Snapshot().State);
        study.Tell(trial, [1.0, 2.0]);
        Assert.Equal([1.0, 2.0], study.Trials[0].Values);
    }

    [Fact]
    public void NaN_objective_fails_the_trial_with_a_reason()
    {
        Study study = NewStudy();
        FrozenTrial told = study.Tell(study.Ask(), double.NaN);
        Assert.Equal(TrialState.Failed, told.State);
        Assert.Null(told.Values);
        Assert.Contains("not finite", (string)told.SystemAttributes[StorageAttributes.FailReason]!, StringComparison.Ordinal);
        study.Optimize(_ => double.NaN, nTrials: 2);
        Assert.Equal(3, study.GetTrials(TrialState.Failed).Count);
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
    }

    [Fact]
    public void Enqueued_parameters_are_used_first_and_others_are_sampled()
    {
        Study study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["kind"] = "b" });
        Trial trial = study.Ask();
        Assert.Equal(0, trial.Number);
        Assert.Equal(0.25, trial.SuggestFloat("x", 0, 1));
        Assert.Equal("b", trial.SuggestCategorical("kind", ["a", "b"]));
        double y = trial.SuggestFloat("y", 0, 1);
        Assert.InRange(y, 0, 1);
        study.Tell(trial, 0.0);
        Assert.Equal(1, study.Ask().Number);
    }

    [Fact]
    public void Enqueued_value_outside_the_distribution_fails_the_trial_not_the_study()
    {
        Study study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 5.0 });
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 2, catchExceptions: [typeof(ArgumentException)]);
        Assert.Equal(TrialState.Failed, study.Trials[0].State);
        Assert.Equal(TrialState.Complete, study.Trials[1].State);
    }

    [Fact]
    public void Exceptions_not_listed_in_catch_fail_the_trial_and_propagate()
    {
        Study study = NewStudy();
        Assert.Throws<InvalidOperationException>(() => study.Optimize(_ => throw new InvalidOperationException("boom"), nTrials: 3));
        Assert.Single(study.Trials);
        Assert.Equal(TrialState.Failed, study.Trials[0].State);
        Assert.Equal("InvalidOperationException: boom", study.Trials[0].SystemAttributes[StorageAttributes.FailReason]);
    }

    [Fact]
    public void Stop_ends_optimize_after_the_current_trial()
    {
        Study study = NewStudy();
        study.Optimize(t =>
        {
            if (t.Number == 4)
            {
                t.Study.Stop();
            }

            return t.SuggestFloat("x", 0, 1);
        }, nTrials: 100);
        Assert.Equal(5, study.Trials.Count);
    }

    [Fact]
    public void Maximize_picks_the_largest_value_and_constraints_exclude_infeasible_trials()
    {
        Study study = NewStudy(StudyDirection.Maximize);
        foreach (double v in new[] { 1.0, 5.0, 3.0 })
        {
            Trial t = study.Ask();
            t.SetConstraints(v == 5.0 ? 1.0 : -1.0);
            study.Tell(t, v);
        }

        Assert.Equal(3.0, study.BestValue);
        Assert.False(study.Trials[1].IsFeasible);
    }

    [Fact]
    public void Pareto_front_holds_exactly_the_non_dominated_trials()
    {
        Study study = NewStudy(StudyDirection.Minimize, StudyDirection.Minimize);
        double[][] points = [[1, 5], [2, 2], [5, 1], [3, 3], [2, 6]];
        foreach (double[] p in points)
        {
            study.Tell(study.Ask(), p);
        }

        Assert.Equal([0, 1, 2], study.BestTrials.Select(t => t.Number).Order());
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
    }

    [Fact]
    public void Intermediate_values_and_user_attributes_are_stored()
    {
        Study study = NewStudy();
        Trial trial = study.Ask();
        trial.Report(0.5, 0);
        trial.Report(0.4, 1);
        trial.Report(9.9, 1);
        trial.SetUserAttribute("note", "hi");
        FrozenTrial told = study.Tell(trial, TrialState.Pruned);
        Assert.Equal(TrialState.Pruned, told.State);
        Assert.Equal(0.4, told.Value);
        Assert.Equal(2, told.IntermediateValues.Count);
        Assert.Equal("hi", told.UserAttributes["note"]);
        Assert.Throws<InvalidOperationException>(() => trial.Report(1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Ask().Report(1, -1));
    }

    [Fact]
    public void Pruned_exception_in_optimize_marks_the_trial_pruned()
    {
        Study study = NewStudy();
        study.Optimize(t =>
        {
            t.Report(1.0, 0);
            throw new TrialPrunedException();
        }, nTrials: 2);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Pruned, t.State));
    }

    [Fact]
    public void Parallel_jobs_run_exactly_the_requested_number_of_trials()
    {
        Study study = NewStudy();
        study.Optimize(t => t.SuggestFloat("x", -1, 1) * t.SuggestFloat("x", -1, 1), nTrials: 40, nJobs: 4);
        Assert.Equal(40, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Study_names_are_unique_unless_loading()
    {
        var storage = new InMemoryStudyStorage();
        Study a = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = new RandomSampler(0) });
        a.Tell(a.Ask(), 1.0);
        Assert.Throws<InvalidOperationException>(() => Study.Create(new StudyOptions { Name = "s", Storage = storage }));
        Study b = Study.Create(new StudyOptions { Name = "s", Storage = storage, LoadIfExists = true, Sampler = new RandomSampler(0) });
        Assert.Single(b.Trials);
        Assert.Throws<InvalidOperationException>(() => Study.Create(new StudyOptions { Name = "s", Storage = storage, LoadIfExists = true, Directions = [StudyDirection.Maximize] }));
    }

    [Fact]
    public void Optimize_without_a_stop_condition_is_rejected()
    {
        Study study = NewStudy();
        Assert.Throws<ArgumentException>(() => study.Optimize(_ => 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 0.0, nTrials: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 0.0, nTrials: 1, nJobs: 0));
    }

    [Fact]
    public void Timeout_stops_optimize_and_fixed_distributions_are_suggested_at_ask()
    {
        Study study = NewStudy();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        study.Optimize(_ =>
        {
            Thread.Sleep(20);
            return 1.0;
        }, timeout: TimeSpan.FromMilliseconds(300));
        Assert.InRange(study.Trials.Count, 1, 30);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));

        Trial trial = study.Ask(new Dictionary<string, ParameterDistribution> { ["lr"] = new FloatDistribution(1e-4, 1, log: true) });
        Assert.True(trial.Distributions.ContainsKey("lr"));
        Assert.Equal(trial.Params["lr"], trial.SuggestFloat("lr", 1e-4, 1, log: true));
    }

    [Fact]
    public void Tell_by_number_finishes_the_trial_asked_elsewhere()
    {
        Study study = NewStudy();
        Trial trial = study.Ask();
        trial.SuggestInt("n", 1, 3);
        FrozenTrial told = study.Tell(trial.Number, TrialState.Complete, [4.0]);
        Assert.Equal(4.0, told.Value);
        Assert.Throws<InvalidOperationException>(() => study.Tell(trial.Number, TrialState.Failed));
        Assert.Throws<ArgumentException>(() => study.Tell(study.Ask(), TrialState.Running));
    }
}
