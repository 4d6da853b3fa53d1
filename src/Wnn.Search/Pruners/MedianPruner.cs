namespace Wnn.Search.Pruners;

/// <summary>Prunes a trial whose best intermediate value is worse than the median of completed trials at the same step (a 50th-percentile pruner).</summary>
public sealed class MedianPruner : PercentilePruner
{
    /// <summary>Creates a median pruner with Optuna's defaults (5 startup trials, no warm-up, every step, 1 comparable trial).</summary>
    public MedianPruner(int nStartupTrials = 5, int nWarmupSteps = 0, int intervalSteps = 1, int nMinTrials = 1)
        : base(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials)
    {
    }
}
