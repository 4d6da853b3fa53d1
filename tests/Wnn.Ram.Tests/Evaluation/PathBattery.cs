using System.Globalization;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Evaluation.Fast;
using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Evaluation;

/// <summary>
/// A fixed set of fast evaluations (every matching mode, 16/64/128-bit inputs, e = 0 / 0.3 / 0.5, two blocks with a
/// partial last one, incremental steps) whose exact results, as bit patterns, must not depend on the kernel path.
/// </summary>
internal static class PathBattery
{
    private static readonly (string Tiers, double EmptyValue, int Context, OutputBias Bias, double Scale)[] Settings =
    [
        ("5,6,10;20,4,7;rest,3,5", 0.0, 4, OutputBias.None, 1.0),
        ("5,6,10;20,4,7;rest,3,5", 0.5, 8, OutputBias.None, 1.0),
        ("3,9,16;rest,1,12", 0.5, 1, OutputBias.None, 1.0),
        ("3,9,16;rest,1,12", 0.0, 8, OutputBias.None, 1.0),
        ("10,3,6;rest,2,5", 0.3, 2, OutputBias.None, 1.0),
        ("5,6,10;20,4,7;rest,3,5", 0.0, 4, OutputBias.LogPrior, 1.0),
        ("5,6,10;20,4,7;rest,3,5", 0.5, 2, OutputBias.LogPrior, 3.0),
        ("3,9,16;rest,1,12", 0.0, 8, OutputBias.LogPrior, 6.0),
    ];

    /// <summary>Evaluations the battery makes.</summary>
    public static int Count => (Settings.Length * Enum.GetValues<NeuronMatchMode>().Length * 2) + (4 * 7);

    /// <summary>One line per evaluation; with <paramref name="checkReference"/> each is also checked against the reference.</summary>
    public static List<string> Results(bool checkReference)
    {
        var lines = new List<string>();
        foreach ((string tiers, double emptyValue, int context, OutputBias bias, double scale) in Settings)
        {
            var options = new ModelOptions
            {
                ContextSize = context, EmptyValue = emptyValue, Negatives = 3, NegativePool = 40, OutputBias = bias, ScoreScale = scale,
            };
            // 4,500 evaluation examples: one full block of 4,096 and a partial one.
            EvaluationData data = SyntheticCorpus.Data(300, 3000, 4500, options, seed: (ulong)(context * 7) + 3);
            Genome genome = Genome.CreateTiered(TierConfig.Parse(tiers), data.ClusterCount, data.InputBits, new Rng(5));
            EvaluationResult? reference = checkReference ? new ReferenceEvaluator(data).Evaluate(genome) : null;
            foreach (NeuronMatchMode mode in Enum.GetValues<NeuronMatchMode>())
            {
                foreach (int levelsFrom in new[] { 0, 100 })
                {
                    string label = $"{tiers} e={emptyValue} ctx={context} bias={bias} tau={scale} {mode} levels-from={levelsFrom}";
                    var evaluatorOptions = new GenomeEvaluatorOptions { Mode = mode, LevelsFrom = levelsFrom };
                    EvaluationResult actual = new GenomeEvaluator(data, evaluatorOptions).Evaluate(genome);
                    if (reference is not null)
                    {
                        Assert.True(Math.Abs(reference.CrossEntropy - actual.CrossEntropy) < 1e-9,
                            $"{label}: CE {actual.CrossEntropy:R} vs reference {reference.CrossEntropy:R}");
                        Assert.Equal(reference.Accuracy, actual.Accuracy);
                    }

                    lines.Add(Line(label, actual));
                }
            }
        }

        foreach (OutputBias bias in new[] { OutputBias.None, OutputBias.LogPrior })
        {
            foreach (double emptyValue in new[] { 0.0, 0.5 })
            {
                lines.AddRange(Incremental(emptyValue, bias));
            }
        }

        return lines;
    }

    private static IEnumerable<string> Incremental(double emptyValue, OutputBias bias)
    {
        var options = new ModelOptions
        {
            ContextSize = 4, EmptyValue = emptyValue, NegativePool = 50, OutputBias = bias, ScoreScale = bias == OutputBias.None ? 1.0 : 4.0,
        };
        EvaluationData data = SyntheticCorpus.Data(200, 6000, 5000, options, seed: 11);
        var evaluator = new GenomeEvaluator(data);
        var fresh = new GenomeEvaluator(data, new GenomeEvaluatorOptions { KeepStates = false, MaxDegreeOfParallelism = 1 });
        var rng = new Rng(3);
        Genome parent = Genome.CreateTiered(TierConfig.Parse("5,6,10;rest,3,6"), data.ClusterCount, data.InputBits, rng);
        yield return Line($"incremental e={emptyValue} bias={bias} parent", evaluator.Evaluate(parent));
        for (int step = 0; step < 6; step++)
        {
            Genome child = GenomeEvaluatorTests.Mutate(parent, rng, step % 2 == 0 ? rng.NextInt(5) : rng.NextInt(data.ClusterCount), data.InputBits);
            EvaluationResult incremental = evaluator.EvaluateDerived(child, parent);
            EvaluationResult full = fresh.Evaluate(child);
            Assert.Equal(full.CrossEntropy, incremental.CrossEntropy);
            Assert.Equal(full.Accuracy, incremental.Accuracy);
            yield return Line($"incremental e={emptyValue} bias={bias} step {step}", incremental);
            parent = child;
        }

        Assert.Equal(6, evaluator.Counters.Incremental);
    }

    private static string Line(string label, EvaluationResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: ce={BitConverter.DoubleToInt64Bits(result.CrossEntropy):X16} accuracy={BitConverter.DoubleToInt64Bits(result.Accuracy):X16}");
}
