namespace Wnn.Search.Samplers;

/// <summary>
/// Proposes parameter values. A study asks a sampler once per trial for a joint ("relative") sample over a
/// search space it infers from past trials, then for each remaining parameter an independent sample.
/// Values are internal (see <see cref="ParameterDistribution"/>). The study serializes calls into one sampler.
/// </summary>
public interface ISampler
{
    /// <summary>The parameters this sampler wants to sample jointly for the given new trial (may be empty).</summary>
    IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial);

    /// <summary>Joint internal values for (a subset of) the relative search space.</summary>
    IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace);

    /// <summary>An internal value for one parameter not covered by the relative sample.</summary>
    double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution);

    /// <summary>Called when a trial starts, before any sampling.</summary>
    void BeforeTrial(Study study, FrozenTrial trial);

    /// <summary>Called after a trial is told, with its final state.</summary>
    void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values);
}
