using Wnn.Search;

namespace Wnn.Reports.Tests;

public sealed class StudyReportTests
{
    [Fact]
    public void Report_of_a_tiny_study_has_the_hand_computed_best_counts_and_history()
    {
        using var tiny = new TinyStudy();
        StudyReport r = tiny.Report();
        Assert.Equal(6, r.Trials.Count);
        Assert.Equal(4, r.StateCounts[TrialState.Complete]);
        Assert.Equal(1, r.StateCounts[TrialState.Failed]);
        Assert.Equal(1, r.StateCounts[TrialState.Pruned]);
        Assert.Equal(0, r.Best!.Number);
        Assert.Equal(10, r.Best.Values![0]);
        Assert.Equal([10.0, 30, 20, 40], r.History.Select(h => h.Value));
        Assert.Equal([10.0, 10, 10, 10], r.History.Select(h => h.BestSoFar));
        Assert.Equal(["x", "lr"], r.Parameters.Select(p => p.Name));
        Assert.True(r.Parameters[1].Log);
        Assert.Equal(["acc", "loss"], r.MetricNames);
    }

    [Fact]
    public void Spearman_matrix_matches_hand_computed_ranks()
    {
        using var tiny = new TinyStudy();
        CorrelationMatrix c = tiny.Report().Correlation!;
        Assert.Equal(["x", "lr", "value", "acc", "loss"], c.Names);
        Assert.Equal(4, c.Samples);
        // ranks of x: 0 1 2 3, of value: 0 2 1 3 -> rho = 1 - 6*2/(4*15) = 0.8.
        Assert.Equal(0.8, c.Rho[0][2], 12);
        Assert.Equal(1.0, c.Rho[0][1], 12);   // lr rises with x
        Assert.Equal(-1.0, c.Rho[0][3], 12);  // acc = 1 - x/10
        Assert.Equal(1.0, c.Rho[2][4], 12);   // loss = value/10
    }

    [Fact]
    public void Failures_are_grouped_with_the_reason_the_sweep_recorded()
    {
        using var tiny = new TinyStudy();
        StudyReport r = tiny.Report();
        Assert.Equal(2, r.Failures.Count);
        FailureSummary failed = r.Failures.Single(f => f.State == "failed");
        Assert.Equal("exit code 3", failed.Reason);
        Assert.Equal([4], failed.Trials);
        Assert.Equal("pruned at step 1", r.Failures.Single(f => f.State == "pruned").Reason);
    }

    [Fact]
    public void Sorting_by_objective_is_best_first_and_by_other_columns_follows_the_prefix()
    {
        using var tiny = new TinyStudy();
        StudyReport r = tiny.Report();
        Assert.Equal([0, 2, 1, 3], r.SortedBy(null).Take(4).Select(t => t.Number));
        Assert.Equal([3, 1, 2, 0], r.SortedBy("-value").Take(4).Select(t => t.Number));
        Assert.Equal([5, 3, 2, 4], r.SortedBy("-x").Take(4).Select(t => t.Number));
        Assert.Equal([0, 1, 2, 3], r.SortedBy("acc").Take(4).Select(t => t.Number).Reverse());
        ArgumentException ex = Assert.Throws<ArgumentException>(() => r.SortedBy("nope"));
        Assert.Contains("known: number, value, x, lr, acc, loss", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Importance_sums_to_one_for_both_methods_and_ped_anova_finds_the_only_informative_parameter()
    {
        using var tiny = new TinyStudy();
        StudyReport r = tiny.Report();
        Assert.Equal(1.0, r.Importance.Values.Sum(), 9);
        Assert.Equal(1.0, r.PedAnovaImportance.Values.Sum(), 9);

        // 200 points where only "a" matters: the top 10% all have small a.
        var rng = new Random(7);
        double[][] unit = [.. Enumerable.Range(0, 200).Select(_ => new[] { rng.NextDouble(), rng.NextDouble() })];
        double[] y = [.. unit.Select(u => u[0])];
        double[] s = PedAnovaImportance.Evaluate(unit, y, [0, 0]);
        Assert.True(s[0] > 0.9, $"a: {s[0]}");
    }
}
