using Wnn.Reports.Benchmarks;

namespace Wnn.Reports.Tests;

public sealed class BenchmarkComparisonTests
{
    private static BenchmarkResult File(params (string Name, double[] Samples)[] figures) => new()
    {
        Benchmark = "eval",
        Setting = "synthetic",
        Machine = new BenchmarkMachine { CpuModel = "Test CPU", Cores = 2, Os = "test", Dotnet = "10.0.0" },
        CpuPath = "Vector512 (X64), pext bmi2",
        Figures = [.. figures.Select(f => new BenchmarkFigure { Name = f.Name, Unit = "s", Samples = f.Samples })],
    };

    [Fact]
    public void P_value_without_ties_is_the_exact_one_counted_over_every_arrangement()
    {
        // U = 15 for n1 = n2 = 8. Exact two-sided p counted by enumerating all C(16, 8) = 12,870 splits in Python
        // (itertools.combinations, independent of MannWhitney.cs): 1,068 have min(U, 64 − U) ≤ 15, p = 1068/12870.
        double[] a = [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7];
        double[] b = [1.25, 1.35, 1.45, 1.55, 1.65, 1.75, 1.85, 1.95];
        (double u, double p) = MannWhitney.Test(a, b);
        Assert.Equal(15, u);
        Assert.Equal(1068.0 / 12870, p, 12);
    }

    [Fact]
    public void P_value_with_ties_is_the_tie_corrected_normal_approximation_worked_by_hand()
    {
        // Ranks with ties averaged: U = 2; tie term Σ(t³ − t) = 18 (three pairs: 2, 5, 6); σ² = 36/12 · (13 − 18/132) = 38.59;
        // z = (|2 − 18| − 0.5)/σ = 2.49511; p = erfc(z/√2) = 0.0125919 (Python math.erfc).
        (double u, double p) = MannWhitney.Test([3, 4, 2, 6, 2, 5], [9, 7, 5, 10, 6, 8]);
        Assert.Equal(2, u);
        Assert.Equal(0.0125919, p, 6);
    }

    [Fact]
    public void A_figure_30_percent_slower_in_all_10_repetitions_is_worse_with_its_ratio()
    {
        double[] before = [1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.005, 1.015, 0.995];
        double[] after = [.. before.Select(x => x * 1.3)];
        IReadOnlyList<FigureComparison> rows = BenchmarkComparison.Compare(File(("full", before), ("inc", before)), File(("full", after), ("inc", before)));
        FigureComparison full = Assert.Single(rows, r => r.Worse);
        Assert.Equal("full", full.Name);
        Assert.Equal(1.3, full.Ratio, 10);
        Assert.Equal(2.0 / 184_756, full.P, 12); // no overlap: both extreme splits of C(20, 10)
        Assert.Equal("same", rows.Single(r => r.Name == "inc").Verdict);
    }

    [Fact]
    public void A_significant_change_below_the_minimum_effect_is_not_a_regression()
    {
        double[] before = [1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.005, 1.015, 0.995];
        double[] after = [.. before.Select(x => x + 0.06)];
        FigureComparison row = Assert.Single(BenchmarkComparison.Compare(File(("full", before)), File(("full", after)), minEffect: 0.10));
        Assert.True(row.P < 0.05);
        Assert.Equal("same", row.Verdict);
        Assert.True(Assert.Single(BenchmarkComparison.Compare(File(("full", before)), File(("full", after)), minEffect: 0.05)).Worse);
    }

    [Fact]
    public void Another_machine_or_cpu_path_is_refused_with_the_reason()
    {
        BenchmarkResult a = File(("full", [1, 2, 3]));
        var path = Assert.Throws<BenchmarkFileException>(() => BenchmarkComparison.Compare(a, a with { CpuPath = "Vector256 (X64), pext bmi2" }));
        Assert.Contains("CPU path differs: baseline 'Vector512 (X64), pext bmi2', current 'Vector256 (X64), pext bmi2'", path.Message, StringComparison.Ordinal);
        var cores = Assert.Throws<BenchmarkFileException>(() => BenchmarkComparison.Compare(a, a with { Machine = a.Machine with { Cores = 8 } }));
        Assert.Contains("machine (cores) differs: baseline '2', current '8'", cores.Message, StringComparison.Ordinal);
        Assert.Null(BenchmarkComparison.Mismatch(a, a with { Machine = a.Machine with { Dotnet = "10.0.1" } }));
    }
}
