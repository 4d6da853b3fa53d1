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
}
