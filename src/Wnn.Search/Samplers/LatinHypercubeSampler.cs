namespace Wnn.Search.Samplers;

/// <summary>
/// Latin hypercube sampling in blocks of <see cref="BlockSize"/> trials: within each block, every parameter visits each of
/// BlockSize equal-probability strata exactly once (a seeded permutation per parameter and block, jittered inside the stratum).
/// The design depends only on the seed, the parameter name and the trial number.
/// </summary>
public sealed class LatinHypercubeSampler : ISampler
{
    private static readonly Dictionary<string, ParameterDistribution> EmptySpace = [];
    private static readonly Dictionary<string, double> EmptyValues = [];
    private readonly long _seed;
    private readonly Dictionary<(string Name, int Block), (int[] Strata, double[] Jitter)> _designs = [];

    /// <summary>Creates an LHS sampler with strata of 1/blockSize; use the planned number of trials as block size.</summary>
    public LatinHypercubeSampler(int blockSize, long? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        BlockSize = blockSize;
        _seed = seed ?? Random.Shared.NextInt64();
    }

    /// <summary>Trials per Latin hypercube.</summary>
    public int BlockSize { get; }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        int block = trial.Number / BlockSize;
        int row = trial.Number % BlockSize;
        if (!_designs.TryGetValue((name, block), out (int[] Strata, double[] Jitter) design))
        {
            SearchRandom random = SearchRandom.Derive(_seed, $"{name}\u0001{block}");
            int[] strata = [.. Enumerable.Range(0, BlockSize)];
            random.Shuffle(strata.AsSpan());
            double[] jitter = new double[BlockSize];
            for (int i = 0; i < BlockSize; i++)
            {
                jitter[i] = random.NextDouble();
            }

            design = (strata, jitter);
            _designs[(name, block)] = design;
        }

        return distribution.FromUnit((design.Strata[row] + design.Jitter[row]) / BlockSize);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) => EmptySpace;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) => EmptyValues;

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial)
    {
    }

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }
}
