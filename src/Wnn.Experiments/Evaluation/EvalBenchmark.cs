using System.Diagnostics;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Evaluation;

/// <summary>Times full, incremental and reference evaluations of the tiered genome on one setting.</summary>
public static class EvalBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="progress"/> receives one line per step.</summary>
    public static EvalBenchmarkResult Run(
        ModelSetup setup, TierConfig tiers, ulong seed, int repetitions, int referenceExamples, int threads,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(tiers);
        if (repetitions < 1)
        {
            throw new ArgumentException($"repetitions {repetitions} must be at least 1");
        }

        var evaluator = new GenomeEvaluator(setup.Full, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = threads });
        Genome genome = setup.TieredGenome(tiers, seed);
        EvaluationResult result = evaluator.Evaluate(genome, cancellationToken);
        progress?.Invoke($"warm-up: CE {result.CrossEntropy:F6}, accuracy {result.Accuracy:P3}");
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int r = 0; r < repetitions; r++)
        {
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            evaluator.Evaluate(genome, cancellationToken);
            wall.Add(sw.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            progress?.Invoke($"full {r + 1}/{repetitions}: {wall[^1]:F3} s");
        }

        int[] tierOf = tiers.TierOfClusters(genome.ClusterCount);
        int lastTier = tiers.Tiers.Count - 1;
        var rng = new Rng(seed ^ 0xBE7C4);
        int[] trainedTail = Enumerable.Range(0, genome.ClusterCount)
            .Where(c => tierOf[c] == lastTier && setup.Order.ClusterCounts[c] > 0).ToArray();
        int[] first = Enumerable.Range(0, genome.ClusterCount).Where(c => tierOf[c] == 0).ToArray();
        List<double> tier0Times = TimeIncremental(evaluator, genome, first, rng, repetitions, cancellationToken);
        double tier0 = Median(tier0Times);
        progress?.Invoke($"incremental tier 0: {tier0 * 1000:F1} ms");
        List<double> tier2Times = trainedTail.Length == 0 ? [] : TimeIncremental(evaluator, genome, trainedTail, rng, repetitions, cancellationToken);
        double tier2 = tier2Times.Count == 0 ? double.NaN : Median(tier2Times);
        progress?.Invoke($"incremental last tier: {tier2 * 1000:F1} ms");

        int sample = Math.Min(referenceExamples, setup.Full.Eval.Count);
        var reference = new ReferenceEvaluator(setup.Full) { MaxExamples = sample };
        var rsw = Stopwatch.StartNew();
        reference.Evaluate(genome, cancellationToken);
        double refTotal = rsw.Elapsed.TotalSeconds;
        double referenceSeconds = reference.LastTrainSeconds
            + ((refTotal - reference.LastTrainSeconds) * setup.Full.Eval.Count / sample);
        progress?.Invoke($"reference: train {reference.LastTrainSeconds:F1} s, {sample} examples scored in {refTotal - reference.LastTrainSeconds:F1} s");

        return new EvalBenchmarkResult
        {
            FullSecondsMedian = Median(wall),
            FullCpuSecondsMedian = Median(cpu),
            IncrementalTier0SecondsMedian = tier0,
            IncrementalTier2SecondsMedian = tier2,
            FullSeconds = wall,
            FullCpuSeconds = cpu,
            IncrementalTier0Seconds = tier0Times,
            IncrementalTier2Seconds = tier2Times,
            PeakMemoryBytes = Process.GetCurrentProcess().PeakWorkingSet64,
            ReferenceSeconds = referenceSeconds,
            ReferenceSampledExamples = sample,
            CrossEntropy = result.CrossEntropy,
            Accuracy = result.Accuracy,
            Threads = threads,
            Kernels = EvaluatorKernels.Description,
            Data = setup.Data.Description,
        };
    }

    private static List<double> TimeIncremental(
        GenomeEvaluator evaluator, Genome parent, int[] clusters, Rng rng, int repetitions, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (int r = 0; r < Math.Max(3, repetitions); r++)
        {
            int cluster = clusters[rng.NextInt(clusters.Length)];
            Genome child = WithMovedConnection(parent, cluster, rng, evaluator.Data.InputBits);
            var sw = Stopwatch.StartNew();
            evaluator.EvaluateDerived(child, parent, cancellationToken);
            times.Add(sw.Elapsed.TotalSeconds);
            evaluator.Forget(child);
        }

        return times;
    }

    /// <summary>A copy of <paramref name="parent"/> with one random connection of one neuron of <paramref name="cluster"/> moved.</summary>
    private static Genome WithMovedConnection(Genome parent, int cluster, Rng rng, int inputBits)
    {
        int[] connections = (int[])parent.Connections.Clone();
        int neuron = parent.NeuronStart(cluster) + rng.NextInt(parent.NeuronsPerCluster[cluster]);
        int index = parent.ConnectionStart(neuron) + rng.NextInt(parent.BitsPerNeuron[neuron]);
        connections[index] = (connections[index] + 1 + rng.NextInt(inputBits - 1)) % inputBits;
        return new Genome(parent.NeuronsPerCluster, parent.BitsPerNeuron, connections);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
