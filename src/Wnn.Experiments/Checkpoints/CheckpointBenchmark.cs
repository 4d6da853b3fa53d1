using System.Diagnostics;
using System.IO.Compression;
using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Checkpoints;

/// <summary>Times writing and reading a realistic checkpoint (the seed's case: 40 genomes × 50,257 clusters, default tiers).</summary>
public static class CheckpointBenchmark
{
    /// <summary>Median write and read seconds and the file size.</summary>
    /// <param name="WriteSecondsMedian">Median wall time of a write.</param>
    /// <param name="ReadSecondsMedian">Median wall time of a read.</param>
    /// <param name="WriteCpuSecondsMedian">Median process CPU time of a write (all threads; robust to a loaded machine).</param>
    /// <param name="ReadCpuSecondsMedian">Median process CPU time of a read.</param>
    /// <param name="GzipBytes">File size.</param>
    /// <param name="Genomes">Genomes in the checkpoint.</param>
    /// <param name="Clusters">Clusters per genome.</param>
    /// <param name="Connections">Connections in all genomes.</param>
    public sealed record Result(
        double WriteSecondsMedian, double ReadSecondsMedian, double WriteCpuSecondsMedian, double ReadCpuSecondsMedian, long GzipBytes,
        int Genomes, int Clusters, long Connections)
    {
        /// <summary>Wall seconds of every write, in order.</summary>
        public IReadOnlyList<double> WriteSeconds { get; init; } = [];

        /// <summary>Wall seconds of every read, in order.</summary>
        public IReadOnlyList<double> ReadSeconds { get; init; } = [];

        /// <summary>Process CPU seconds of every write.</summary>
        public IReadOnlyList<double> WriteCpuSeconds { get; init; } = [];

        /// <summary>Process CPU seconds of every read.</summary>
        public IReadOnlyList<double> ReadCpuSeconds { get; init; } = [];
    }

    /// <summary>Writes and reads the checkpoint <paramref name="repeats"/> times in <paramref name="directory"/> and reports medians.</summary>
    public static Result Run(
        string directory, int genomes = 40, int clusters = 50_257, int repeats = 3, IntArrayEncoding encoding = IntArrayEncoding.Compact,
        CompressionLevel level = CompressionLevel.Fastest)
    {
        var rng = new Rng(2024);
        int inputBits = 4 * ExampleSet.BitsPerToken(clusters);
        var population = new List<ScoredGenome>(genomes);
        for (int i = 0; i < genomes; i++)
        {
            population.Add(new ScoredGenome(Genome.CreateTiered(TierConfig.Default, clusters, inputBits, rng), 10.5 - (i * 0.001), 0.05));
        }

        var result = new PhaseResult("1a", "ga_neurons", population[0], population, 0.0, 100, false);
        var checkpoint = new PhaseCheckpoint("1a", "ga_neurons", 1, 42, new EvaluationResult(10.5, 0.05), [], result, null,
            new Dictionary<string, string?>());
        string path = Path.Combine(directory, "bench_checkpoint.json.gz");
        var writes = new List<double>();
        var reads = new List<double>();
        var writeCpu = new List<double>();
        var readCpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        for (int r = 0; r < repeats; r++)
        {
            GC.Collect();
            TimeSpan cpu = Cpu();
            var sw = Stopwatch.StartNew();
            CheckpointStore.Write(path, checkpoint, encoding, level);
            writes.Add(sw.Elapsed.TotalSeconds);
            writeCpu.Add((Cpu() - cpu).TotalSeconds);
            GC.Collect();
            cpu = Cpu();
            sw.Restart();
            PhaseCheckpoint back = CheckpointStore.Load(path);
            reads.Add(sw.Elapsed.TotalSeconds);
            readCpu.Add((Cpu() - cpu).TotalSeconds);
            if (back.Result!.FinalPopulation.Count != genomes)
            {
                throw new InvalidOperationException("checkpoint did not round-trip");
            }
        }

        long bytes = new FileInfo(path).Length;
        File.Delete(path);
        return new Result(Median(writes), Median(reads), Median(writeCpu), Median(readCpu), bytes, genomes, clusters, population[0].Genome.Connections.LongLength * genomes)
        {
            WriteSeconds = writes,
            ReadSeconds = reads,
            WriteCpuSeconds = writeCpu,
            ReadCpuSeconds = readCpu,
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList(); // the samples stay in the order measured
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
