using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Strategies;

/// <summary>
/// The <c>strategy</c> section of a seed-003 sweep: how jobs are chosen beyond a fixed grid or a sampler's budget
/// (progressive expansion, budget-aware successive halving / Hyperband, multi-objective), and the ensemble selection
/// shown in the summary and report. Every key and default is declared in <see cref="SweepStrategyReader"/>.
/// </summary>
public sealed record SweepStrategy
{
    /// <summary>none, progressive, budget or multi_objective.</summary>
    public string Type { get; init; } = SweepStrategyReader.None;

    /// <summary>Progressive: refinement rounds after the coarse grid.</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>Progressive: values per numeric parameter in the coarse grid (evenly spaced in the unit space, ends included).</summary>
    public int Points { get; init; } = 3;

    /// <summary>Progressive: the best configs of a round each finer grid is built around.</summary>
    public int TopK { get; init; } = 2;

    /// <summary>Budget: the override key that passes a trial its budget (e.g. epochs).</summary>
    public string? BudgetKey { get; init; }

    /// <summary>Budget: the smallest budget a trial gets.</summary>
    public int MinBudget { get; init; } = 1;

    /// <summary>Budget: the largest budget a trial gets.</summary>
    public int MaxBudget { get; init; } = 27;

    /// <summary>Budget: the reduction factor η (keep 1/η of a rung, give it η times the budget).</summary>
    public int Eta { get; init; } = 3;

    /// <summary>Budget: hyperband (cycle through the brackets) or successive_halving (repeat the most aggressive bracket).</summary>
    public string Allocation { get; init; } = "hyperband";

    /// <summary>Budget: the total number of trials, or null.</summary>
    public int? TotalTrials { get; init; }

    /// <summary>Budget: the total trial-seconds (sum of <c>trial_seconds</c> of finished trials), or null.</summary>
    public double? TotalSeconds { get; init; }

    /// <summary>Multi-objective: objectives after the target metric (metric names; <c>trial_seconds</c> is the launcher's wall time).</summary>
    public IReadOnlyList<string> Objectives { get; init; } = [];

    /// <summary>Multi-objective: the direction of each of <see cref="Objectives"/>.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; init; } = [];

    /// <summary>Ensemble selection: how many configs (0 = off).</summary>
    public int EnsembleK { get; init; }

    /// <summary>Ensemble selection: the share of the best complete trials the ensemble is chosen from.</summary>
    public double EnsembleTopFraction { get; init; } = 0.25;

    /// <summary>True when the strategy plans the jobs itself (progressive or budget).</summary>
    public bool PlansJobs => Type is SweepStrategyReader.Progressive or SweepStrategyReader.Budget;
}
