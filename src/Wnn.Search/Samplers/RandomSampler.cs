namespace Wnn.Search.Samplers;

/// <summary>Independent uniform sampling in each parameter's unit space (log-uniform for log domains).</summary>
public sealed class RandomSampler : ISampler
{
    private static readonly Dictionary<string, ParameterDistribution> EmptySpace = [];
    private static readonly Dictionary<string, double> EmptyValues = [];
    private readonly SearchRandom _random;

    /// <summary>Creates a random sampler; a fixed seed makes the sequence reproducible.</summary>
    public RandomSampler(long? seed = null) => _random = new SearchRandom(seed);

    /// <summary>Samples one internal value uniformly (used by other samplers for startup and fallback).</summary>
    public double Sample(ParameterDistribution distribution) => distribution.FromUnit(_random.NextDouble());

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) => EmptySpace;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) => EmptyValues;

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution) => Sample(distribution);

    /// <inheritdoc />
    public void BeforeTrial(Study study, FrozenTrial trial)
    {
    }

    /// <inheritdoc />
    public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }
}
