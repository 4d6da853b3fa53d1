using System.Diagnostics;
using Wnn.Ram.Model;

namespace Wnn.Ram.Bitwise;

/// <summary>Evaluates the bitwise start genome for every (neurons, bits) pair of a grid on the same data (a grid-search phase's work).</summary>
public static class BitwiseGrid
{
    /// <summary>Evaluates the grid in row-major order (neurons outer); the genome of each point comes from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<BitwiseGridPoint> Run(EvaluationData data, BitwiseOptions options, IReadOnlyList<int> neurons,
        IReadOnlyList<int> bits, ulong seed, int threads, Action<BitwiseGridPoint>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(bits);
        var evaluator = new BitwiseEvaluator(data, options, threads, keepStates: false);
        var points = new List<BitwiseGridPoint>();
        using var process = Process.GetCurrentProcess();
        foreach (int n in neurons)
        {
            foreach (int b in bits)
            {
                Genome genome = BitwiseModel.CreateGenome(evaluator.Bits, n, b, data.InputBits, seed);
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var result = evaluator.Evaluate(genome, cancellationToken);
                double seconds = clock.Elapsed.TotalSeconds;
                process.Refresh();
                var point = new BitwiseGridPoint(n, b, result.CrossEntropy, result.Accuracy, seconds, (process.TotalProcessorTime - cpu).TotalSeconds);
                points.Add(point);
                progress?.Invoke(point);
            }
        }

        return points;
    }
}
