using Wnn.Ram.Model;

namespace Wnn.Ram.Bitwise;

/// <summary>The definitions of docs/bitwise.md that both bitwise evaluators share: cell values, samples, bit probabilities.</summary>
public static class BitwiseModel
{
    /// <summary>Seed of the neuron samples (the data seed of the tiered model's negatives).</summary>
    public const ulong SampleSeed = 42;

    /// <summary>Value of a cell in quarters (EMPTY = 2) from its write counts.</summary>
    public static int CellQuarters(MemoryMode mode, int ones, int zeros)
    {
        if (ones == 0 && zeros == 0)
        {
            return 2;
        }

        if (mode == MemoryMode.Ternary)
        {
            return ones > 0 ? 4 : 0;
        }

        int d = ones - zeros;
        bool weighted = mode == MemoryMode.QuadWeighted;
        return d >= 2 ? 4 : d >= 0 ? (weighted ? 3 : 4) : d == -1 ? (weighted ? 1 : 0) : 0;
    }

    /// <summary>p = (Q + 2) / (4 (n + 1)): the probability that the cluster's bit is 1 from its quarter votes Q.</summary>
    public static double BitProbability(int quarters, int neurons) => (quarters + 2) / (4.0 * (neurons + 1));

    /// <summary>The generator of the sample of neuron <paramref name="neuron"/> (within its cluster) of cluster <paramref name="cluster"/>.</summary>
    public static Rng SampleRng(int cluster, int neuron) =>
        Rng.ForStream(SampleSeed, (1UL << 40) + ((ulong)cluster << 20) + (ulong)neuron);

    /// <summary>Writes whether each of <paramref name="inSample"/>.Length examples is in the neuron's sample.</summary>
    public static void Sample(int cluster, int neuron, double rate, Span<bool> inSample)
    {
        if (rate >= 1.0)
        {
            inSample.Fill(true);
            return;
        }

        Rng rng = SampleRng(cluster, neuron);
        for (int i = 0; i < inSample.Length; i++)
        {
            inSample[i] = rng.NextDouble() < rate;
        }
    }

    /// <summary>Token ids of the examples' targets (the example sets hold frequency ranks).</summary>
    public static int[] TargetTokens(ExampleSet set, ClusterOrder order)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(order);
        var tokens = new int[set.Count];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = order.ClusterToToken[set.Targets[i]];
        }

        return tokens;
    }

    /// <summary>Creates the start genome: <paramref name="bits"/> clusters of <paramref name="neurons"/> × <paramref name="neuronBits"/>.</summary>
    public static Genome CreateGenome(int bits, int neurons, int neuronBits, int inputBits, ulong seed) =>
        Genome.CreateTiered(new TierConfig([new Tier(null, neurons, neuronBits)]), bits, inputBits, new Rng(seed));
}
