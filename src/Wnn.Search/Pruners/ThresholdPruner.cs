namespace Wnn.Search.Pruners;

/// <summary>Prunes a trial whose latest intermediate value is below lower, above upper or NaN (after the warm-up, once per interval).</summary>
public sealed class ThresholdPruner : IPruner
{
    /// <summary>Creates the pruner; at least one bound is needed and lower must not exceed upper.</summary>
    public ThresholdPruner(double? lower = null, double? upper = null, int nWarmupSteps = 0, int intervalSteps = 1)
    {
        if (lower is null && upper is null)
        {
            throw new ArgumentException("ThresholdPruner needs a lower bound, an upper bound or both.", nameof(lower));
        }

        if (lower is double l && upper is double u && l > u)
        {
            throw new ArgumentException($"ThresholdPruner: lower ({l}) must not exceed upper ({u}).", nameof(lower));
        }

        if (lower is double nl && double.IsNaN(nl) || upper is double nu && double.IsNaN(nu))
        {
            throw new ArgumentException("ThresholdPruner bounds must not be NaN.", nameof(lower));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(nWarmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSteps, 1);
        Lower = lower;
        Upper = upper;
        NWarmupSteps = nWarmupSteps;
        IntervalSteps = intervalSteps;
    }

    /// <summary>Values below this prune (null: no lower bound).</summary>
    public double? Lower { get; }

    /// <summary>Values above this prune (null: no upper bound).</summary>
    public double? Upper { get; }

    /// <summary>Steps never pruned.</summary>
    public int NWarmupSteps { get; }

    /// <summary>Pruning is checked once per interval of steps.</summary>
    public int IntervalSteps { get; }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not int step || step < NWarmupSteps || !PrunerSteps.IsFirstInInterval(trial, step, NWarmupSteps, IntervalSteps))
        {
            return false;
        }

        double v = trial.IntermediateValues[step];
        return double.IsNaN(v) || (Lower is double l && v < l) || (Upper is double u && v > u);
    }
}
