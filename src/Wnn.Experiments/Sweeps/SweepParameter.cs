using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>One swept key: its dotted name (as passed to the trial) and the distribution its values come from.</summary>
/// <param name="Name">The key, e.g. <c>lr</c>, <c>model.hidden</c> or a Hydra group <c>phase1/latent_space</c>.</param>
/// <param name="Distribution">Where values come from; grid and Hydra sweeps use a categorical of the listed values.</param>
public sealed record SweepParameter(string Name, ParameterDistribution Distribution);
