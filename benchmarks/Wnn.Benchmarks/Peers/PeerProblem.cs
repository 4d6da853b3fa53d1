namespace Wnn.Benchmarks.Peers;

/// <summary>
/// A benchmark problem run identically by our samplers and by Optuna (one definition: benchmarks/peers/problems.json):
/// parameters, a trial budget and an objective that maps parameter values (categorical: index; inactive: NaN) to one
/// value per objective, all minimized. Multi-objective problems are scored by the hypervolume of all complete trials
/// against <see cref="Reference"/>; single-objective ones by the best value, or with <see cref="Noise"/> by the
/// noise-free value of the trial whose noisy value was best.
/// </summary>
public sealed record PeerProblem(string Name, int Budget, IReadOnlyList<PeerParameter> Parameters, Func<double[], double[]> Evaluate, IReadOnlyList<double>? Reference = null)
{
    /// <summary>Problem family for the report (unimodal, ill-conditioned, multimodal, noisy, mixed, conditional, two-objective).</summary>
    public string Kind { get; init; } = "";

    /// <summary>Standard deviation of the Gaussian noise the sampler sees; 0 for none.</summary>
    public double Noise { get; init; }

    /// <summary>Number of objectives.</summary>
    public int Objectives => Reference?.Count ?? 1;

    /// <summary>True for problems scored by hypervolume.</summary>
    public bool IsMultiObjective => Objectives > 1;
}
