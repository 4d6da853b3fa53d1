namespace Wnn.Benchmarks.Peers;

/// <summary>
/// A benchmark problem run identically by our samplers and by Optuna: parameters, a trial budget and an objective that
/// maps parameter values (categorical: index) to one value per objective, all minimized. Multi-objective problems are
/// scored by the hypervolume of all complete trials against <see cref="Reference"/>; single-objective ones by the best value.
/// </summary>
public sealed record PeerProblem(string Name, int Budget, IReadOnlyList<PeerParameter> Parameters, Func<double[], double[]> Evaluate, IReadOnlyList<double>? Reference = null)
{
    /// <summary>Number of objectives.</summary>
    public int Objectives => Reference?.Count ?? 1;

    /// <summary>True for problems scored by hypervolume.</summary>
    public bool IsMultiObjective => Objectives > 1;
}
