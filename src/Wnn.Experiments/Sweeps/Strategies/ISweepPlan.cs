using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Strategies;

/// <summary>
/// A strategy that chooses a sweep's jobs in batches: the first batch when the sweep is created, and each next one from the
/// finished trials alone (so a resumed sweep plans exactly what an uninterrupted one would).
/// </summary>
public interface ISweepPlan
{
    /// <summary>The jobs enqueued when the sweep is created.</summary>
    IReadOnlyList<PlannedJob> Initial();

    /// <summary>The next batch, given every trial of the sweep when none waits or runs; empty when the strategy is done.</summary>
    IReadOnlyList<PlannedJob> Next(IReadOnlyList<FrozenTrial> trials);

    /// <summary>One line saying what a batch is (e.g. "round 2: 9 jobs around the best 2").</summary>
    string Describe(IReadOnlyList<PlannedJob> batch);
}
