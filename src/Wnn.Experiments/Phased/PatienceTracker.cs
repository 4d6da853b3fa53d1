namespace Wnn.Experiments.Phased;

/// <summary>
/// Early stopping: every <see cref="CheckInterval"/> iterations the improvement of the best CE since the last check
/// (in percent) lowers the counter (not below 0) when it reaches the minimum, else raises it; stop at the patience.
/// </summary>
public sealed class PatienceTracker
{
    /// <summary>Creates a tracker starting from <paramref name="initialBest"/>.</summary>
    public PatienceTracker(int patience, int checkInterval, double minImprovementPct, double initialBest)
    {
        Patience = patience;
        CheckInterval = checkInterval;
        MinImprovementPct = minImprovementPct;
        LastCheckBest = initialBest;
    }

    /// <summary>Checks without sufficient improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Iterations between checks.</summary>
    public int CheckInterval { get; }

    /// <summary>Minimum improvement per check in percent.</summary>
    public double MinImprovementPct { get; }

    /// <summary>The stall counter.</summary>
    public int Counter { get; set; }

    /// <summary>Best CE at the last check.</summary>
    public double LastCheckBest { get; set; }

    /// <summary>Improvement of the last check in percent (NaN before the first).</summary>
    public double LastImprovementPct { get; private set; } = double.NaN;

    /// <summary>Stall level for adaptive pressure.</summary>
    public PressureLevel Pressure => Counter == 0 ? PressureLevel.Normal
        : Counter < Patience - 1 || Patience <= 2 ? PressureLevel.Warning : PressureLevel.Critical;

    /// <summary>Records that <paramref name="iterationsDone"/> iterations ran with best CE <paramref name="best"/>; true = stop.</summary>
    public bool Update(int iterationsDone, double best)
    {
        if (iterationsDone <= 0 || iterationsDone % CheckInterval != 0)
        {
            return false;
        }

        double improvement = LastCheckBest > 0 && double.IsFinite(LastCheckBest) ? (LastCheckBest - best) / LastCheckBest * 100.0 : 0;
        LastImprovementPct = improvement;
        Counter = improvement >= MinImprovementPct ? Math.Max(0, Counter - 1) : Counter + 1;
        LastCheckBest = best;
        return Counter >= Patience;
    }
}
