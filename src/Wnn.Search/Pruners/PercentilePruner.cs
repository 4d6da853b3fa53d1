namespace Wnn.Search.Pruners;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than the given percentile of the intermediate values that
/// completed trials reported at the same step. No pruning before nStartupTrials complete trials, before nWarmupSteps, off the
/// interval, or with fewer than nMinTrials comparable trials. A NaN best value prunes.
/// </summary>
public class PercentilePruner : IPruner
{
    /// <summary>Creates a percentile pruner; percentile in [0, 100].</summary>
    public PercentilePruner(double percentile, int nStartupTrials = 5, int nWarmupSteps = 0, int intervalSteps = 1, int nMinTrials = 1)
    {
        if (double.IsNaN(percentile) || percentile < 0 || percentile > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "percentile must be in [0, 100].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(nStartupTrials);
        ArgumentOutOfRangeException.ThrowIfNegative(nWarmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nMinTrials, 1);
        Percentile = percentile;
        NStartupTrials = nStartupTrials;
        NWarmupSteps = nWarmupSteps;
        IntervalSteps = intervalSteps;
        NMinTrials = nMinTrials;
    }

    /// <summary>The percentile (50 = median).</summary>
    public double Percentile { get; }

    /// <summary>Complete trials needed before pruning starts. Default 5.</summary>
    public int NStartupTrials { get; }

    /// <summary>Steps of each trial never pruned. Default 0.</summary>
    public int NWarmupSteps { get; }

    /// <summary>Pruning is checked once per interval of steps. Default 1.</summary>
    public int IntervalSteps { get; }

    /// <summary>Comparable completed trials needed at the step. Default 1.</summary>
    public int NMinTrials { get; }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not int step)
        {
            return false;
        }

        IReadOnlyList<FrozenTrial> complete = study.GetTrials(TrialState.Complete);
        if (complete.Count < NStartupTrials || step < NWarmupSteps || !PrunerSteps.IsFirstInInterval(trial, step, NWarmupSteps, IntervalSteps))
        {
            return false;
        }

        bool minimize = study.Direction == StudyDirection.Minimize;
        double best = PrunerSteps.BestIntermediate(trial, minimize, int.MaxValue);
        if (double.IsNaN(best))
        {
            return true;
        }

        var others = new List<double>();
        foreach (FrozenTrial t in complete)
        {
            if (t.IntermediateValues.TryGetValue(step, out double v) && !double.IsNaN(v))
            {
                others.Add(v);
            }
        }

        if (others.Count < NMinTrials)
        {
            return false;
        }

        double threshold = PrunerSteps.PercentileOf(others, minimize ? Percentile : 100 - Percentile);
        return minimize ? best > threshold : best < threshold;
    }
}
