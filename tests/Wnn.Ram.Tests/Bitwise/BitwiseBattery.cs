using System.Globalization;
using Wnn.Ram.Bitwise;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;
using Wnn.Ram.Tests.Evaluation;

namespace Wnn.Ram.Tests.Bitwise;

/// <summary>
/// A fixed set of bitwise evaluations (every memory mode, sample rates 1 and 0.4, one- and two-word inputs, a
/// power-of-two vocabulary, incremental steps) whose exact results must not depend on the vector width.
/// </summary>
internal static class BitwiseBattery
{
    private static readonly (int Vocabulary, int Context, MemoryMode Mode, double Rate, int Neurons, int Bits)[] Settings =
    [
        (300, 4, MemoryMode.Ternary, 1.0, 7, 10),
        (300, 4, MemoryMode.QuadBinary, 1.0, 7, 10),
        (300, 4, MemoryMode.QuadWeighted, 1.0, 7, 10),
        (300, 8, MemoryMode.QuadWeighted, 0.4, 5, 12),
        (256, 2, MemoryMode.Ternary, 0.4, 6, 8),
        (256, 3, MemoryMode.QuadBinary, 1.0, 3, 14),
    ];

    /// <summary>Evaluations the battery makes.</summary>
    public static int Count => Settings.Length * 3;

    public static EvaluationData Data(int vocabulary, int context) =>
        SyntheticCorpus.Data(vocabulary, 3000, 2500, new ModelOptions { ContextSize = context }, seed: (ulong)(context * 11) + 5);

    /// <summary>One line per evaluation; with <paramref name="checkReference"/> each full one is also checked against the reference.</summary>
    public static List<string> Results(bool checkReference)
    {
        var lines = new List<string>();
        foreach ((int vocabulary, int context, MemoryMode mode, double rate, int neurons, int bits) in Settings)
        {
            EvaluationData data = Data(vocabulary, context);
            var options = new BitwiseOptions { MemoryMode = mode, NeuronSampleRate = rate };
            var fast = new BitwiseEvaluator(data, options, threads: 2);
            int b = ExampleSet.BitsPerToken(vocabulary);
            Genome genome = BitwiseModel.CreateGenome(b, neurons, bits, data.InputBits, seed: 9);
            EvaluationResult full = fast.Evaluate(genome);
            if (checkReference)
            {
                EvaluationResult reference = new BitwiseReferenceEvaluator(data, options).Evaluate(genome);
                Assert.True(Math.Abs(full.CrossEntropy - reference.CrossEntropy) < 1e-9,
                    $"{vocabulary} ctx {context} {mode} r {rate}: fast CE {full.CrossEntropy:R}, reference {reference.CrossEntropy:R}");
                Assert.Equal(reference.Accuracy, full.Accuracy);
            }

            Genome child = Mutations.ChangeConnections(genome, cluster: 1, data.InputBits);
            Genome grandchild = Mutations.AddNeuron(child, cluster: b - 1);
            EvaluationResult incremental = fast.EvaluateDerived(child, genome);
            EvaluationResult incremental2 = fast.EvaluateDerived(grandchild, child);
            lines.Add(Line(full));
            lines.Add(Line(incremental));
            lines.Add(Line(incremental2));
        }

        return lines;
    }

    public static string Line(EvaluationResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{BitConverter.DoubleToInt64Bits(r.CrossEntropy):X16} {BitConverter.DoubleToInt64Bits(r.Accuracy):X16} ({r.CrossEntropy:R}, {r.Accuracy:R})");
}
