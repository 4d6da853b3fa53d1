namespace Wnn.Search.Samplers;

/// <summary>
/// Quasi-Monte Carlo sampling with a (by default scrambled) Sobol sequence: trial number n takes point n, and each
/// parameter gets its own dimension in order of first appearance. Parameters beyond <see cref="SobolSequence.MaxDimensions"/>
/// fall back to seeded random sampling. The name-to-dimension map lives in this sampler, so workers in other processes
/// agree only if they suggest parameters in the same order.
/// </summary>
public sealed class QmcSampler : ISampler
{
    private static readonly Dictionary<string, ParameterDistribution> EmptySpace = [];
    private static readonly Dictionary<string, double> EmptyValues = [];
    private readonly SobolSequence _sequence;
    private readonly Dictionary<string, int> _dimensions = [];
    private readonly RandomSampler _fallback;

    /// <summary>Creates a QMC sampler; scramble false gives the plain Sobol points (the first one is all zeros).</summary>
    public QmcSampler(long? seed = null, bool scramble = true)
    {
        _sequence = new SobolSequence(scramble, seed);
        _fallback = new RandomSampler(seed is long s ? s + 1 : null);
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!_dimensions.TryGetValue(name, out int dim))
        {
            dim = _dimensions.Count;
            _dimensions[name] = dim;
        }

        return dim < SobolSequence.MaxDimensions
            ? distribution.FromUnit(_sequence.Get(trial.Number, dim))
            : _fallback.Sample(distribution);
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
