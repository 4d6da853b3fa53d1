using Wnn.Experiments.Evaluation;
using Wnn.Ram.Evaluation;
using Wnn.Reports.Benchmarks;

namespace Wnn.Cli;

/// <summary>Result files (<c>--out</c>) of the `wnn bench` commands: every repetition, the machine, the CPU path and the load.</summary>
internal static class BenchResultFiles
{
    /// <summary>The result file of `wnn bench eval`.</summary>
    public static BenchmarkResult Eval(EvalBenchmarkResult r, string setting, string? loadAtStart) => new()
    {
        Benchmark = "eval",
        Setting = setting,
        Machine = BenchmarkMachine.Current(),
        CpuPath = r.Kernels,
        LoadAverage = Load(loadAtStart),
        Figures =
        [
            Seconds("full_seconds", r.FullSeconds),
            Seconds("full_cpu_seconds", r.FullCpuSeconds),
            Seconds("incremental_tier0_seconds", r.IncrementalTier0Seconds),
            .. r.IncrementalTier2Seconds.Count == 0 ? Array.Empty<BenchmarkFigure>() : [Seconds("incremental_tier2_seconds", r.IncrementalTier2Seconds)],
        ],
    };

    /// <summary>The result file of `wnn bench checkpoint`.</summary>
    public static BenchmarkResult Checkpoint(Wnn.Experiments.Checkpoints.CheckpointBenchmark.Result r, string? loadAtStart) => new()
    {
        Benchmark = "checkpoint",
        Setting = $"{r.Genomes} genomes x {r.Clusters} clusters ({r.Connections} connections)",
        Machine = BenchmarkMachine.Current(),
        CpuPath = EvaluatorKernels.Description,
        LoadAverage = Load(loadAtStart),
        Figures =
        [
            Seconds("write_seconds", r.WriteSeconds),
            Seconds("read_seconds", r.ReadSeconds),
            Seconds("write_cpu_seconds", r.WriteCpuSeconds),
            Seconds("read_cpu_seconds", r.ReadCpuSeconds),
        ],
    };

    private static BenchmarkFigure Seconds(string name, IReadOnlyList<double> samples) => new() { Name = name, Unit = "s", Samples = samples };

    private static string? Load(string? atStart) =>
        (atStart, BenchmarkMachine.LoadAverage()) is (string a, string b) ? $"{a} at start, {b} at end (1/5/15 min)" : null;
}
