namespace Wnn.Experiments.Sweeps;

/// <summary>
/// The one seam between sweeps and Hydra semantics: turns an experiment config (with its <c>hydra:</c> node) and command-line
/// overrides into the composed config and the job list of a multirun. <see cref="BasicHydraMultirun"/> is a minimal reader
/// (comma lists and plain values of <c>hydra.sweeper.params</c>); the full override grammar and config composition plug in here.
/// </summary>
public interface IHydraMultirun
{
    /// <summary>Plans the multirun; throws <see cref="Wnn.Contracts.ConfigException"/> naming the bad key or value.</summary>
    HydraMultirunPlan Plan(IReadOnlyDictionary<string, object?> root, IReadOnlyList<string> overrides, DateTimeOffset now);
}
