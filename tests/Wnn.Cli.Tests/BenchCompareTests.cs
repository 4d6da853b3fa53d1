using System.Globalization;
using Wnn.Reports.Benchmarks;

namespace Wnn.Cli.Tests;

/// <summary>`wnn bench compare` on synthetic result files, through the real program.</summary>
public sealed class BenchCompareTests : IDisposable
{
    private static readonly double[] Baseline = [1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.005, 1.015, 0.995];
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-bench-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, double fullFactor, string cpuPath = "Vector512 (X64), pext bmi2", string cpu = "Test CPU")
    {
        string path = Path.Combine(_dir, name);
        new BenchmarkResult
        {
            Benchmark = "eval",
            Setting = "synthetic setting",
            Machine = new BenchmarkMachine { CpuModel = cpu, Cores = 2, Os = "test", Dotnet = "10.0.0" },
            CpuPath = cpuPath,
            LoadAverage = "1.00 1.00 1.00",
            Figures =
            [
                new BenchmarkFigure { Name = "full_seconds", Unit = "s", Samples = [.. Baseline.Select(x => x * fullFactor)] },
                new BenchmarkFigure { Name = "incremental_tier0_seconds", Unit = "s", Samples = [.. Baseline.Select(x => x * 0.04)] },
            ],
        }.Write(path);
        return path;
    }

    private WnnProcess.Result Compare(params string[] args) => WnnProcess.Run(_dir, ["bench", "compare", .. args]);

    [Fact]
    public void Unchanged_figures_are_no_regression_and_exit_0()
    {
        WnnProcess.Result r = Compare(Write("a.json", 1), Write("b.json", 1));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Matches(@"full_seconds\s+1\.00\d s\s+1\.00\d s\s+1\.000\s+1\.0000\s+10/10\s+same", r.Stdout);
        Assert.Contains("no regression (p < 0.05, median at least 10 % worse)", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_30_percent_slower_over_10_repetitions_is_named_with_its_ratio_and_exit_1()
    {
        WnnProcess.Result r = Compare(Write("a.json", 1), Write("b.json", 1.3), "--alpha", "0.01");
        Assert.Equal(1, r.ExitCode);
        // p = 2 / C(20, 10) = 1.1e-5 (exact, no ties): the two samples do not overlap.
        string p = (2.0 / 184_756).ToString("F4", CultureInfo.InvariantCulture);
        Assert.Equal("0.0000", p);
        Assert.Contains($"regression: full_seconds 1.300x the baseline median (p = {p})", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("regression: incremental", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 figure(s) got significantly worse (p < 0.01", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Another_machine_or_cpu_path_is_refused_with_exit_2_and_the_reason()
    {
        WnnProcess.Result path = Compare(Write("a.json", 1), Write("b.json", 1, cpuPath: "Vector128 (X64), pext table"));
        Assert.Equal(2, path.ExitCode);
        Assert.Equal("error: refusing to compare: the CPU path differs: baseline 'Vector512 (X64), pext bmi2', current 'Vector128 (X64), pext table'", path.Stderr.Trim());
        Assert.Equal("", path.Stdout);
        WnnProcess.Result machine = Compare(Write("a.json", 1), Write("c.json", 1, cpu: "Other CPU"));
        Assert.Equal(2, machine.ExitCode);
        Assert.Contains("the machine (CPU model) differs: baseline 'Test CPU', current 'Other CPU'", machine.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_or_missing_file_is_one_line_and_exit_2()
    {
        string good = Write("a.json", 1);
        string[] bad =
        [
            "{ not json",
            """{"format": "wnn-bench-result/1", "benchmark": "eval"}""",
            """{"format": "other/9", "benchmark": "eval", "setting": "s", "cpu_path": "p", "machine": {"cpu_model": "c", "cores": 2, "os": "o", "dotnet": "d"}, "figures": [{"name": "x", "unit": "s", "samples": [1]}]}""",
            """{"format": "wnn-bench-result/1", "benchmark": "eval", "setting": "s", "cpu_path": "p", "machine": {"cpu_model": "c", "cores": 2, "os": "o", "dotnet": "d"}, "figures": [{"name": "x", "unit": "s", "samples": []}]}""",
        ];
        string[] expected = ["not a benchmark result file", "not a benchmark result file", "format is 'other/9'", "figure 'x' has no samples"];
        for (int i = 0; i < bad.Length; i++)
        {
            string path = Path.Combine(_dir, $"bad{i}.json");
            File.WriteAllText(path, bad[i]);
            WnnProcess.Result r = Compare(good, path);
            Assert.Equal(2, r.ExitCode);
            string line = Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.StartsWith($"error: {path}: ", line, StringComparison.Ordinal);
            Assert.Contains(expected[i], line, StringComparison.Ordinal);
        }

        WnnProcess.Result missing = Compare(good, Path.Combine(_dir, "none.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot read", missing.Stderr, StringComparison.Ordinal);
    }
}
