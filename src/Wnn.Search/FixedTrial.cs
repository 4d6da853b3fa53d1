using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search;

/// <summary>
/// A trial whose suggestions return given values, to test or re-run an objective outside an optimization
/// (as Optuna's FixedTrial): <c>objective(FixedTrial.Create(new() { ["lr"] = 0.01, ["layers"] = 3 }))</c>.
/// Suggesting a name that has no value throws <see cref="KeyNotFoundException"/>; a value outside the suggested
/// distribution throws <see cref="EnqueuedValueException"/>. Report and ShouldPrune work (it is never pruned).
/// </summary>
public static class FixedTrial
{
    /// <summary>A trial of a private in-memory study whose parameters take the given user-facing values.</summary>
    public static Trial Create(IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Study study = Study.Create(new StudyOptions { Name = "fixed-trial", Sampler = new NoValueSampler(parameters.Keys), Pruner = new NopPruner() });
        study.EnqueueTrial(parameters);
        return study.Ask();
    }

    private sealed class NoValueSampler(IEnumerable<string> known) : ISampler
    {
        private readonly string _known = string.Join(", ", known);

        public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) => new Dictionary<string, ParameterDistribution>();

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) =>
            new Dictionary<string, double>();

        public double SampleIndependent(Study study, FrozenTrial trial, string name, ParameterDistribution distribution) =>
            throw new KeyNotFoundException($"FixedTrial has no value for parameter '{name}' ({distribution.Describe()}); it has: {(_known.Length == 0 ? "(none)" : _known)}.");

        public void BeforeTrial(Study study, FrozenTrial trial)
        {
        }

        public void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
        {
        }
    }
}
