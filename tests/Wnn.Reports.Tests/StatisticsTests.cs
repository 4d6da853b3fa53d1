using System.Text.Json;
using Wnn.Reports.Plots;
using Wnn.Search;
using Wnn.Search.Samplers;

namespace Wnn.Reports.Tests;

public sealed class StatisticsTests
{
    // Wikipedia, "Welch's t-test", example 1 (two samples of 15). t and ν by the textbook formulas (numpy, by hand);
    // p by numerically integrating Student's t density at ν = 24.9885 (2 million midpoints): 0.021378. Wikipedia gives p = 0.021.
    private static readonly double[] A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    private static readonly double[] A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

    [Fact]
    public void Welch_matches_the_worked_example_and_the_closed_forms_of_students_t()
    {
        (double t, double df, double p) = WelchTest.Test(A1, A2);
        Assert.Equal(-2.455356398286006, t, 12);
        Assert.Equal(24.988529290231416, df, 10);
        Assert.Equal(0.021378, p, 5);
        Assert.Equal(p, WelchTest.Test(A2, A1).P, 14);

        // One degree of freedom is the Cauchy law, two have a closed form too.
        foreach (double x in new[] { 0.3, 1, 2.5, 12 })
        {
            Assert.Equal(1 - (2 / Math.PI * Math.Atan(x)), WelchTest.TwoSidedP(x, 1), 12);
            Assert.Equal(1 - (x / Math.Sqrt(2 + (x * x))), WelchTest.TwoSidedP(x, 2), 12);
        }

        // Large ν tends to the normal: |t| = 1.959964 gives p = 0.05.
        Assert.Equal(0.05, WelchTest.TwoSidedP(1.959964, 1e7), 5);
        Assert.Equal((0.0, 1.0), (WelchTest.Test([2, 2], [2, 2]).T, WelchTest.Test([2, 2], [2, 2]).P));
        Assert.Equal(0, WelchTest.Test([1, 1], [2, 2]).P);
        Assert.Throws<ArgumentException>(() => WelchTest.Test([1], [2, 3]));
    }

    private static StudyReport Made(string name, double[] values, StudyDirection direction = StudyDirection.Minimize)
    {
        var study = Study.Create(new StudyOptions { Name = name, Storage = new InMemoryStudyStorage(), Sampler = new RandomSampler(1), Directions = [direction] });
        foreach (double v in values)
        {
            Trial trial = study.Ask();
            trial.SuggestFloat("x", 0, 10);
            study.Tell(trial, v);
        }

        Trial failed = study.Ask();
        study.Tell(failed, TrialState.Failed);
        return StudyReportBuilder.Build(study);
    }

    [Fact]
    public void Several_sources_are_compared_pair_by_pair_with_both_tests()
    {
        StudyReport a = Made("a", [1, 2, 3, 4, 5]), b = Made("b", [3, 4, 5, 6, 7]), c = Made("c", [10]);
        StudyComparison comparison = StudyComparison.Build([a, b, c]);
        Assert.Equal([(0, 1), (0, 2), (1, 2)], comparison.Pairs.Select(p => (p.A, p.B)));
        StudyComparison.Pair ab = comparison.Pairs[0];

        // Equal variances 2.5 and n = 5: t = -2 / sqrt(0.5 + 0.5) = -2 exactly, ν = 8.
        Assert.Equal(-2, ab.MeanDifference, 12);
        Assert.Equal(-2, ab.WelchT!.Value, 12);
        Assert.Equal(WelchTest.TwoSidedP(2, 8), ab.WelchP!.Value, 14);
        Assert.Equal(MannWhitney.Test([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]).P, ab.MannWhitneyP!.Value, 14);
        Assert.Null(comparison.Pairs[1].WelchP);

        string[][] rows = [.. CsvTable.Read(comparison.SourcesCsv())];
        Assert.Equal(["source", "objective", "direction", "trials", "complete", "failed", "pruned", "best", "mean", "median", "std"], rows[0]);
        Assert.Equal(["a", "value", "minimize", "6", "5", "1", "0", "1", "3", "3", "1.5811388300841898"], rows[1]);
        using JsonDocument json = JsonDocument.Parse(comparison.Json());
        Assert.Equal(3, json.RootElement.GetProperty("sources").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("pairs")[1].GetProperty("welch_p").ValueKind);
        Assert.Contains("a vs b: mean difference -2; Mann–Whitney p = ", comparison.Text(), StringComparison.Ordinal);
        Assert.Equal(["distributions", "histories"], comparison.Figures().Select(f => f.Id));
        Assert.Contains("<h1>Comparison: a vs b vs c</h1>", comparison.Html(comparison.Figures()), StringComparison.Ordinal);

        ArgumentException e = Assert.Throws<ArgumentException>(() => StudyComparison.Build([a, Made("up", [1, 2], StudyDirection.Maximize)]));
        Assert.Contains("'up' maximizes its objective but 'a' minimizes it", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StudyComparison.Build([a]));
    }

    [Fact]
    public void The_contour_interpolates_a_plane_and_leaves_empty_regions_blank()
    {
        // z = 3x on a 10 × 10 grid of x, y in [0, 1]: the smoother is symmetric, so the middle node is 1.5 and rows rise with x.
        var points = new List<(double X, double Y, double Z)>();
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                points.Add((i / 9.0, j / 9.0, 3 * i / 9.0));
            }
        }

        var chart = new ContourChart("plane", new PlotAxis("x"), new PlotAxis("y"), points, "z");
        var sx = new SvgScale(points.Select(p => p.X), false, 78, 720 - 170);
        var sy = new SvgScale(points.Select(p => p.Y), false, 420 - 62, 44);
        double[,] grid = SvgPlot.Interpolate(chart, points, sx, sy, 40);
        Assert.Equal(1.5, grid[20, 20], 2);
        for (int i = 5; i < 35; i++)
        {
            Assert.True(grid[i + 1, 20] > grid[i, 20], $"node {i}: {grid[i, 20]} then {grid[i + 1, 20]}");
        }

        // Trials in one corner only: the far corner has no data nearby and stays blank.
        List<(double X, double Y, double Z)> corner = [.. points.Where(p => p.X < 0.3 && p.Y < 0.3), (1, 1, double.NaN)];
        var cx = new SvgScale([0, 1], false, 78, 720 - 170);
        var cy = new SvgScale([0, 1], false, 420 - 62, 44);
        double[,] sparse = SvgPlot.Interpolate(chart with { Points = corner }, [.. corner.Where(p => double.IsFinite(p.Z))], cx, cy, 40);
        Assert.True(double.IsNaN(sparse[39, 0]));
        Assert.True(double.IsFinite(sparse[5, 35]));

        string svg = SvgPlot.Render(chart);
        Assert.Contains("data-name=\"interpolated\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-name=\"contour lines\"", svg, StringComparison.Ordinal);
        Assert.Equal(100, svg.Split("<circle").Length - 1 - 1);  // 100 trials + the legend marker
    }

    [Fact]
    public void Holm_adjusts_by_hand_computed_step_down_factors()
    {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06 (monotone).
        double[] adjusted = HolmBonferroni.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(v => Math.Round(v, 12)));

        // Capped at 1; a single test is unchanged; ties: 0.05·3 = 0.15, 0.05·2 = 0.1 → 0.15, 0.1·1 → 0.15.
        Assert.Equal([1.0, 1.0], HolmBonferroni.Adjust([0.6, 0.7]));
        Assert.Equal([0.2], HolmBonferroni.Adjust([0.2]));
        Assert.Equal([0.15, 0.15, 0.15], HolmBonferroni.Adjust([0.05, 0.05, 0.1]).Select(v => Math.Round(v, 12)));
        Assert.Empty(HolmBonferroni.Adjust([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => HolmBonferroni.Adjust([0.1, double.NaN]));
    }

    [Fact]
    public void A_comparison_of_three_sources_adjusts_all_six_tests_as_one_family()
    {
        StudyReport a = Made("a", [1, 2, 3, 4, 5]), b = Made("b", [3, 4, 5, 6, 7]), c = Made("c", [10, 11, 12]);
        StudyComparison comparison = StudyComparison.Build([a, b, c]);
        Assert.Equal(6, comparison.Tests);
        StudyComparison.Pair ab = comparison.Pairs[0], ac = comparison.Pairs[1], bc = comparison.Pairs[2];

        // a or b against c: no overlap, U = 0, exact two-sided p = 2 / C(8, 3) = 1/28 for both.
        Assert.Equal(1.0 / 28, ac.MannWhitneyP!.Value, 14);
        Assert.Equal(1.0 / 28, bc.MannWhitneyP!.Value, 14);

        // The six raw p-values sort as ac Welch (1.4e-4) < bc Welch (6.4e-4) < ac MW = bc MW (1/28) < ab Welch (0.081)
        // < ab MW (0.114), so the step-down factors are 6, 5, 4, 3, 2, 1: ac MW → 4/28, bc MW → max(3/28, 4/28) = 1/7,
        // ab Welch → 2 p = 0.161, ab MW → max(0.114, 0.161) = 0.161.
        Assert.True(ac.WelchP < bc.WelchP && bc.WelchP < 1.0 / 28 && ab.WelchP > 1.0 / 28 && ab.MannWhitneyP > ab.WelchP && ab.MannWhitneyP < 2 * ab.WelchP);
        Assert.Equal(6 * ac.WelchP!.Value, ac.WelchHolmP!.Value, 14);
        Assert.Equal(Math.Max(6 * ac.WelchP!.Value, 5 * bc.WelchP!.Value), bc.WelchHolmP!.Value, 14);
        Assert.Equal(1.0 / 7, ac.MannWhitneyHolmP!.Value, 14);
        Assert.Equal(1.0 / 7, bc.MannWhitneyHolmP!.Value, 14);
        Assert.Equal(2 * ab.WelchP!.Value, ab.WelchHolmP!.Value, 14);
        Assert.Equal(2 * ab.WelchP!.Value, ab.MannWhitneyHolmP!.Value, 14);

        // ab: raw Welch p 0.08 is not significant either way; ac and bc are by Welch after adjustment.
        Assert.False(ab.Significant);
        Assert.True(ac.Significant && bc.Significant);
        string[][] pairs = [.. CsvTable.Read(comparison.PairsCsv())];
        Assert.Equal(["a", "b", "mean_difference", "mann_whitney_p", "welch_t", "welch_p", "mann_whitney_p_holm", "welch_p_holm", "significant"], pairs[0]);
        Assert.Equal("0.14285714285714285", pairs[2][6]);
        Assert.Equal(["false", "true", "true"], pairs.Skip(1).Select(r => r[8]));
        Assert.Contains("Holm–Bonferroni adjustment runs over all 6 tests", comparison.Text(), StringComparison.Ordinal);
        Assert.Contains("Holm–Bonferroni adjustment runs over all 6 tests", comparison.Html(comparison.Figures()), StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(comparison.Json());
        Assert.Equal(1.0 / 7, json.RootElement.GetProperty("pairs")[1].GetProperty("mann_whitney_p_holm").GetDouble(), 14);
        Assert.StartsWith("p-values are two-sided", json.RootElement.GetProperty("correction").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_with_three_seeds_per_config_recommends_with_the_margin_and_holm_adjusted_tests()
    {
        var storage = new InMemoryStudyStorage();
        long id = storage.CreateStudy("grid", [StudyDirection.Minimize]);
        var beta = new CategoricalDistribution(["a", "b", "c"]);
        var seed = new IntDistribution(0, 2);
        foreach ((string b, double[] values) in new[] { ("b", new double[] { 4, 5, 6 }), ("a", [1, 2, 3]), ("c", [10, 11, 12]) })
        {
            for (int s = 0; s < 3; s++)
            {
                FrozenTrial t = storage.CreateTrial(id, TrialState.Running);
                storage.SetTrialParameter(t.Id, "model.beta", beta.ToInternal(b), beta);
                storage.SetTrialParameter(t.Id, "train.seed", s, seed);
                storage.FinishTrial(t.Id, TrialState.Complete, [values[s]]);
            }
        }

        Study study = Study.Create(new StudyOptions { Name = "grid", Storage = storage, LoadIfExists = true });
        SweepComparison comparison = SweepComparison.Build(StudyReportBuilder.Build(study));
        Assert.Equal(["model.beta=a", "model.beta=b", "model.beta=c"], comparison.Configs.Select(c => c.Label));

        // a vs b: no overlap, exact two-sided U p = 2 / C(6, 3) = 0.1; Welch: means 2 and 5, variances 1, t = −3 / √(2/3),
        // ν = 4. Holm over the two: the smaller (Welch, ≈ 0.021) doubles, the larger stays at max(0.1, 2 p_Welch) = 0.1.
        Assert.Equal(0.1, comparison.PValue!.Value, 14);
        double welch = WelchTest.TwoSidedP(3 / Math.Sqrt(2.0 / 3), 4);
        Assert.Equal(welch, comparison.WelchP!.Value, 12);
        Assert.Equal([0.1, 2 * welch], comparison.HolmP!.Select(v => Math.Round(v, 12)), new DoubleTolerance());
        Assert.Contains("3 lower than the runner-up model.beta=b (5, 3 run(s))", comparison.Recommendation, StringComparison.Ordinal);
        Assert.Contains("Holm–Bonferroni adjusted over the 2 tests 0.1 and 0.043 (significant at 5%)", comparison.Recommendation, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(ComparisonWriter.Json(comparison));
        Assert.Equal(2 * welch, json.RootElement.GetProperty("welch_p_value_holm").GetDouble(), 12);
    }

    private sealed class DoubleTolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-10;

        public int GetHashCode(double obj) => 0;
    }
}
