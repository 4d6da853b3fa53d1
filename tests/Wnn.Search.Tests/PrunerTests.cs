using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class PrunerTests
{
    private static Study NewStudy(IPruner pruner, StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(new StudyOptions { Name = "pruning", Directions = [direction], Sampler = new RandomSampler(0), Pruner = pruner });

    private static void AddComplete(Study study, params double[] intermediate)
    {
        FrozenTrial t = study.Storage.CreateTrial(study.Id, TrialState.Running);
        for (int step = 0; step < intermediate.Length; step++)
        {
            study.Storage.SetTrialIntermediateValue(t.Id, step, intermediate[step]);
        }

        study.Storage.FinishTrial(t.Id, TrialState.Complete, [intermediate[^1]]);
    }

    private static FrozenTrial Running(Study study, params double[] intermediate)
    {
        FrozenTrial t = study.Storage.CreateTrial(study.Id, TrialState.Running);
        for (int step = 0; step < intermediate.Length; step++)
        {
            study.Storage.SetTrialIntermediateValue(t.Id, step, intermediate[step]);
        }

        return study.Storage.GetTrial(t.Id);
    }

    [Fact]
    public void Median_pruner_prunes_trials_worse_than_the_median_at_the_same_step()
    {
        Study study = NewStudy(new MedianPruner());
        foreach (double v in new[] { 1.0, 2, 3, 4 })
        {
            AddComplete(study, v, v);
        }

        Assert.False(study.Pruner.Prune(study, Running(study, 3.5)), "fewer than 5 complete trials: no pruning");
        AddComplete(study, 5, 5);
        Assert.True(study.Pruner.Prune(study, Running(study, 3.5)));
        Assert.False(study.Pruner.Prune(study, Running(study, 2.5)));
        Assert.False(study.Pruner.Prune(study, Running(study, 3.0)));
        Assert.True(study.Pruner.Prune(study, Running(study, double.NaN)));
        Assert.False(study.Pruner.Prune(study, Running(study)));
    }

    [Fact]
    public void Median_pruner_respects_warmup_direction_and_minimum_trials()
    {
        Study warm = NewStudy(new MedianPruner(nStartupTrials: 0, nWarmupSteps: 1));
        AddComplete(warm, 1, 1);
        Assert.False(warm.Pruner.Prune(warm, Running(warm, 9)));
        Assert.True(warm.Pruner.Prune(warm, Running(warm, 9, 9)));

        Study max = NewStudy(new MedianPruner(nStartupTrials: 0), StudyDirection.Maximize);
        foreach (double v in new[] { 1.0, 2, 3 })
        {
            AddComplete(max, v);
        }

        Assert.True(max.Pruner.Prune(max, Running(max, 1.5)));
        Assert.False(max.Pruner.Prune(max, Running(max, 2.5)));

        Study few = NewStudy(new MedianPruner(nStartupTrials: 0, nMinTrials: 3));
        AddComplete(few, 1, 1, 1, 1);
        AddComplete(few, 1, 1);
        AddComplete(few, 1);
        Assert.True(few.Pruner.Prune(few, Running(few, 9)), "three trials reported step 0");
        Assert.False(few.Pruner.Prune(few, Running(few, 9, 9)), "only two trials reported step 1");
    }

    [Fact]
    public void Percentile_pruner_compares_the_best_value_so_far_with_other_trials_at_the_step()
    {
        Study study = NewStudy(new PercentilePruner(25, nStartupTrials: 0));
        foreach (double v in new[] { 1.0, 2, 3, 4, 5 })
        {
            AddComplete(study, v + 10, v, v + 20);
        }

        // Values at step 1 are 1..5; the 25th percentile is 2. The running trial's best so far counts.
        Assert.True(study.Pruner.Prune(study, Running(study, 12, 2.5)));
        Assert.False(study.Pruner.Prune(study, Running(study, 12, 1.5)));
        Assert.False(study.Pruner.Prune(study, Running(study, 1.0, 2.5)), "its best so far (1.0) is below the percentile");
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentilePruner(101));
    }

    [Fact]
    public void Interval_steps_check_only_the_first_report_of_each_interval()
    {
        Study study = NewStudy(new MedianPruner(nStartupTrials: 0, intervalSteps: 2));
        AddComplete(study, 1, 1, 1, 1);
        Assert.True(study.Pruner.Prune(study, Running(study, 9)));
        Assert.False(study.Pruner.Prune(study, Running(study, 9, 9)), "step 1 is inside the interval started at 0");
        Assert.True(study.Pruner.Prune(study, Running(study, 9, 9, 9)));
    }

    [Fact]
    public void Successive_halving_promotes_only_the_top_fraction_of_each_rung()
    {
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2);
        Study study = NewStudy(pruner);
        FrozenTrial first = Running(study, 0, 1.0);
        Assert.False(pruner.Prune(study, first));
        Assert.Equal(1.0, study.Storage.GetTrial(first.Id).SystemAttributes[pruner.RungKey(0)]);
        Assert.True(pruner.Prune(study, Running(study, 0, 3.0)), "3.0 is not in the top half of {1, 3}");
        Assert.False(pruner.Prune(study, Running(study, 0, 0.5)), "0.5 is the best of {1, 3, 0.5}");
        Assert.False(pruner.Prune(study, Running(study, 0.0)), "step 0 is below the first rung");
        Assert.True(pruner.Prune(study, Running(study, 0, double.NaN)));
    }

    [Fact]
    public void Successive_halving_with_auto_resource_waits_for_a_complete_trial()
    {
        var pruner = new SuccessiveHalvingPruner();
        Study study = NewStudy(pruner);
        Assert.False(pruner.Prune(study, Running(study, 5, 5)));
        Assert.Throws<ArgumentException>(() => new SuccessiveHalvingPruner(bootstrapCount: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(reductionFactor: 1));
    }

    [Fact]
    public void Hyperband_splits_trials_into_brackets_by_budget_and_prunes_within_them()
    {
        var pruner = new HyperbandPruner(minResource: 1, maxResource: 9, reductionFactor: 3);
        Study study = NewStudy(pruner);
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1);
            for (int step = 0; step <= 9; step++)
            {
                t.Report(x + (1.0 / (step + 1)), step);
                if (t.ShouldPrune())
                {
                    Assert.True(step >= Math.Pow(3, pruner.BracketOf(study.Name, t.Number)), "pruned before its bracket's first rung");
                    throw new TrialPrunedException();
                }
            }

            return x;
        }, nTrials: 90);
        Assert.Equal(3, pruner.BracketCount);
        int[] perBracket = new int[3];
        foreach (FrozenTrial t in study.Trials)
        {
            perBracket[pruner.BracketOf(study.Name, t.Number)]++;
        }

        Assert.All(perBracket, c => Assert.True(c > 0));
        Assert.True(perBracket[0] > perBracket[2]);
        Assert.True(study.GetTrials(TrialState.Pruned).Count > 20);
        Assert.True(study.BestValue < 0.1);
    }

    [Fact]
    public void Threshold_pruner_prunes_outside_the_bounds_after_warmup()
    {
        var pruner = new ThresholdPruner(lower: 0, upper: 10, nWarmupSteps: 1);
        Study study = NewStudy(pruner);
        Assert.False(pruner.Prune(study, Running(study, 11)), "warm-up step");
        Assert.True(pruner.Prune(study, Running(study, 5, 11)));
        Assert.True(pruner.Prune(study, Running(study, 5, -1)));
        Assert.True(pruner.Prune(study, Running(study, 5, double.NaN)));
        Assert.False(pruner.Prune(study, Running(study, 5, 10)));
        Assert.Throws<ArgumentException>(() => new ThresholdPruner());
        Assert.Throws<ArgumentException>(() => new ThresholdPruner(lower: 2, upper: 1));
    }

    [Fact]
    public void Patient_pruner_waits_for_patience_steps_without_improvement()
    {
        Study study = NewStudy(new NopPruner());
        var patient = new PatientPruner(null, patience: 2);
        Assert.False(patient.Prune(study, Running(study, 5, 4, 3, 3.5, 3.2)), "improved within the window");
        Assert.True(patient.Prune(study, Running(study, 3, 4, 5, 6)), "no improvement for three steps");
        Assert.False(patient.Prune(study, Running(study, 3, 4, 5)), "not enough steps yet");
        Assert.False(new PatientPruner(new NopPruner(), 2).Prune(study, Running(study, 3, 4, 5, 6)), "the wrapped pruner decides");
        Assert.False(new PatientPruner(null, 2, minDelta: 1.5).Prune(study, Running(study, 3, 4, 5, 6)), "worse by less than minDelta");
        Study max = NewStudy(new NopPruner(), StudyDirection.Maximize);
        Assert.True(patient.Prune(max, Running(max, 6, 5, 4, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PatientPruner(null, -1));
    }

    [Fact]
    public void Median_pruner_inside_optimize_stops_bad_trials_early()
    {
        Study study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1), Pruner = new MedianPruner(nStartupTrials: 3) });
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1);
            for (int step = 0; step < 10; step++)
            {
                t.Report(x, step);
                if (t.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return x;
        }, nTrials: 40);
        Assert.True(study.GetTrials(TrialState.Pruned).Count >= 10);
        Assert.All(study.GetTrials(TrialState.Pruned), t => Assert.Single(t.IntermediateValues));
    }
}
