namespace Wnn.Search.Pruners;

/// <summary>
/// Waits for patience: when the best value of the last patience + 1 steps is no better (by more than minDelta) than the
/// best value before them, it defers to the wrapped pruner (or prunes when there is none); otherwise it never prunes.
/// </summary>
public sealed class PatientPruner : IPruner
{
    private readonly IPruner? _wrapped;

    /// <summary>Creates the pruner; patience and minDelta must be non-negative.</summary>
    public PatientPruner(IPruner? wrapped, int patience, double minDelta = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        if (double.IsNaN(minDelta) || minDelta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be a non-negative number.");
        }

        _wrapped = wrapped;
        Patience = patience;
        MinDelta = minDelta;
    }

    /// <summary>Steps without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Improvements smaller than this do not count.</summary>
    public double MinDelta { get; }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        int[] steps = [.. trial.IntermediateValues.Keys.Order()];
        if (steps.Length <= Patience + 1)
        {
            return false;
        }

        int split = steps.Length - Patience - 1;
        bool minimize = study.Direction == StudyDirection.Minimize;
        double before = Best(steps[..split], trial, minimize);
        double after = Best(steps[split..], trial, minimize);
        bool stalled = minimize ? before + MinDelta < after : before - MinDelta > after;
        return stalled && (_wrapped?.Prune(study, trial) ?? true);
    }

    private static double Best(int[] steps, FrozenTrial trial, bool minimize)
    {
        double best = double.NaN;
        foreach (int s in steps)
        {
            double v = trial.IntermediateValues[s];
            if (!double.IsNaN(v) && (double.IsNaN(best) || (minimize ? v < best : v > best)))
            {
                best = v;
            }
        }

        return best;
    }
}
