using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Evaluation;
using Wnn.Ram.Bitwise;
using Wnn.Ram.Model;
using Wnn.Ram.Text;

namespace Wnn.Cli;

/// <summary>`wnn bench …`: end-to-end performance measurements (medians), as tables or JSON.</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure performance end to end (medians of repeated runs).");
        bench.Add(CreateEval());
        bench.Add(CreateBitwise());
        bench.Add(CheckpointBenchCommand.Create());
        bench.Add(SweepBenchCommand.Create());
        bench.Add(BenchCompareCommand.Create());
        return bench;
    }

    private static Command CreateBitwise()
    {
        var data = new DataCliOptions();
        var model = new ModelCliOptions();
        var bitwise = new BitwiseCliOptions();
        var neurons = new Option<string>("--neurons") { Description = "Neurons per bit-cluster of the grid, comma-separated.", DefaultValueFactory = _ => "50,100,150,200" };
        var bits = new Option<string>("--bits") { Description = "Bits per neuron of the grid, comma-separated.", DefaultValueFactory = _ => "8,10,12,14" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("bitwise", "Evaluate the bitwise model for every neurons × bits pair of a grid: CE, accuracy and seconds per config.");
        data.AddTo(command);
        model.AddTo(command);
        bitwise.AddTo(command, withModel: false, withShape: false);
        command.Add(neurons);
        command.Add(bits);
        command.Add(json);
        command.SetAction((parse, ct) => Task.Run(() =>
        {
            DataOptions dataOptions = EvalCommand.WithDefaultCaps(data.Read(parse));
            int[] n = ParseList(parse.GetValue(neurons)!, "--neurons", 1, BitwiseOptions.MaxNeuronsPerCluster);
            int[] b = ParseList(parse.GetValue(bits)!, "--bits", 1, (int)ConfigKeys.BitwiseBits.Maximum!.Value);
            BitwiseOptions options = bitwise.ReadOptions(parse);
            bool asJson = parse.GetValue(json);
            ModelSetup setup = EvalCommand.CreateSetup(DataSource.Load(dataOptions, ct), model.ReadModel(parse));
            Action<BitwiseGridPoint>? progress = asJson ? null : p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.Now:HH:mm:ss} n {p.Neurons,4} b {p.Bits,2}  CE {p.CrossEntropy:F4}  accuracy {p.Accuracy:P2}  {p.Seconds:F3} s (CPU {p.CpuSeconds:F3} s)"));
            if (!asJson)
            {
                Console.WriteLine(setup.Data.Description);
                Console.WriteLine($"kernels: {BitwiseEvaluator.Kernels}, memory {MemoryModeNames.Name(options.MemoryMode)}, neuron sample rate {options.NeuronSampleRate}");
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<BitwiseGridPoint> points = BitwiseGrid.Run(setup.Full, options, n, b, parse.GetValue(model.Seed), model.ReadThreads(parse), progress, ct);
            double total = clock.Elapsed.TotalSeconds;
            double median = Median(points.Select(p => p.Seconds));
            double medianCpu = Median(points.Select(p => p.CpuSeconds));
            BitwiseGridPoint best = points.MinBy(p => p.CrossEntropy)!;
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    kernels = BitwiseEvaluator.Kernels,
                    memory_mode = MemoryModeNames.Name(options.MemoryMode),
                    neuron_sample_rate = options.NeuronSampleRate,
                    total_seconds = total,
                    median_seconds = median,
                    median_cpu_seconds = medianCpu,
                    points,
                }));
                return 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{points.Count} configs in {total:F1} s; per config median {median:F3} s (CPU {medianCpu:F3} s); best n {best.Neurons} b {best.Bits}: CE {best.CrossEntropy:F4}, accuracy {best.Accuracy:P2}"));
            return 0;
        }, ct));
        return command;
    }

    private static int[] ParseList(string text, string flag, int min, int max)
    {
        var values = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            {
                throw new CliException($"{flag}: '{part}' is not an integer in [{min}, {max}]; give a comma-separated list such as 50,100");
            }

            values.Add(v);
        }

        return [.. values];
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static Command CreateEval()
    {
        var data = new DataCliOptions();
        var model = new ModelCliOptions();
        var repetitions = new Option<int>("--repetitions") { Description = "Timed full evaluations (median reported).", DefaultValueFactory = _ => 7 };
        var referenceExamples = new Option<int>("--reference-examples") { Description = "Evaluation examples the reference evaluator scores (its time is scaled to all).", DefaultValueFactory = _ => 200 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var output = BenchCompareCommand.OutOption();
        var command = new Command("eval", "Time full and incremental evaluations of the tiered genome, memory, and the reference evaluator.");
        data.AddTo(command);
        model.AddTo(command);
        command.Add(repetitions);
        command.Add(referenceExamples);
        command.Add(json);
        command.Add(output);
        command.SetAction((parse, ct) => Task.Run(() =>
        {
            DataOptions dataOptions = EvalCommand.WithDefaultCaps(data.Read(parse));
            int reps = parse.GetValue(repetitions);
            int refExamples = parse.GetValue(referenceExamples);
            if (reps < 1 || refExamples < 1)
            {
                throw new CliException($"--repetitions ({reps}) and --reference-examples ({refExamples}) must be at least 1");
            }

            bool asJson = parse.GetValue(json);
            string? outPath = parse.GetValue(output);
            CliFiles.EnsureWritable(outPath, "--out");
            string? load = Wnn.Reports.Benchmarks.BenchmarkMachine.LoadAverage();
            ModelOptions modelOptions = model.ReadModel(parse);
            TierConfig tiers = model.ReadTiers(parse);
            ulong seed = parse.GetValue(model.Seed);
            int threads = model.ReadThreads(parse);
            ModelSetup setup = EvalCommand.CreateSetup(DataSource.Load(dataOptions, ct), modelOptions);
            Action<string>? progress = asJson ? null : line => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
            EvalBenchmarkResult result = EvalBenchmark.Run(setup, tiers, seed, reps, refExamples, threads, progress, ct);
            if (outPath is not null)
            {
                // Two runs are comparable when all of this is equal (the repetition counts may differ).
                string setting = string.Create(CultureInfo.InvariantCulture, $"{result.Data}; tiers {tiers}; seed {seed}; {threads} threads; {modelOptions}");
                BenchResultFiles.Eval(result, setting, load).Write(outPath);
            }

            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(result));
                return 0;
            }

            Console.WriteLine(result.Data);
            Console.WriteLine($"kernels: {result.Kernels}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                full evaluation (median)        {result.FullSecondsMedian:F3} s   (CPU {result.FullCpuSecondsMedian:F3} s, {result.Threads} threads)
                incremental, tier-0 cluster     {result.IncrementalTier0SecondsMedian * 1000:F1} ms
                incremental, last-tier cluster  {result.IncrementalTier2SecondsMedian * 1000:F1} ms
                peak memory                     {result.PeakMemoryBytes / 1e6:F0} MB
                reference evaluator             {result.ReferenceSeconds:F1} s  ({result.ReferenceSampledExamples} examples scored, scaled)
                speed-up over reference         {result.Speedup:F0}x
                CE {result.CrossEntropy:F6}, accuracy {result.Accuracy:P3}
                """));
            return 0;
        }, ct));
        return command;
    }
}
