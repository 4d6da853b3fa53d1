using Wnn.Experiments.Config;
using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Tests;

/// <summary>Seeded synthetic corpora with Zipf-like frequencies and some sequential structure.</summary>
internal static class Synthetic
{
    public static int[] Tokens(int count, int vocabulary, ulong seed)
    {
        var rng = new Rng(seed);
        var cdf = new double[vocabulary];
        double sum = 0;
        for (int k = 0; k < vocabulary; k++)
        {
            sum += 1.0 / (k + 1);
            cdf[k] = sum;
        }

        var tokens = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && rng.NextDouble() < 0.5)
            {
                tokens[i] = ((tokens[i - 1] * 7) + 3) % vocabulary;
                continue;
            }

            double u = rng.NextDouble() * sum;
            int t = Array.BinarySearch(cdf, u);
            tokens[i] = t >= 0 ? t : Math.Min(vocabulary - 1, ~t);
        }

        return tokens;
    }

    /// <summary>A small, fast configuration: tiny tiers, few iterations, fixed seed.</summary>
    public static PhasedConfig SmallConfig(ulong seed = 7) => PhasedConfig.Default with
    {
        RotationSeed = seed,
        TierConfig = "8,3,6;rest,2,5",
        PopulationSize = 6,
        GaGenerations = 3,
        TsIterations = 3,
        NeighborsPerIter = 5,
        CheckInterval = 2,
        Patience = 3,
        CheckpointInterval = 1,
        MinBits = 3,
        MaxBits = 10,
        MaxNeurons = 5,
        MutationRate = 0.3,
        TrainTokens = 3000,
        EvalTokens = 400,
        ContextSize = 2,
        NegativePool = 20,
    };

    public static PhasedData Data(PhasedConfig config, int vocabulary = 64, ulong seed = 1, Func<EvaluationData, IGenomeEvaluator>? factory = null)
    {
        int[] train = Tokens(4000, vocabulary, seed);
        int[] eval = Tokens(600, vocabulary, seed + 100);
        return new PhasedData(train, eval, vocabulary, config.ModelOptions, config.TokenParts, factory ?? (d => new ReferenceEvaluator(d)),
            config.TrainTokens, config.EvalTokens);
    }
}
