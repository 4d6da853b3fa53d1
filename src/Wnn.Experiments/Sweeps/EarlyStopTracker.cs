using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>Seed 003's sweep-level early stopping over complete trials in finishing order.</summary>
internal sealed class EarlyStopTracker(SweepEarlyStopping rule, StudyDirection direction)
{
    private double? _best;
    private int _count;
    private int _sinceBest;

    public string? StopReason { get; private set; }

    public void Seed(IEnumerable<FrozenTrial> complete)
    {
        foreach (FrozenTrial t in complete)
        {
            if (t.UserAttributes.TryGetValue(SweepController.MetricsAttribute, out object? m) && m is IReadOnlyDictionary<string, object?> metrics
                && metrics.TryGetValue(rule.Metric, out object? v) && v is not null)
            {
                Add(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Adds a complete trial's value of the watched metric; returns the stop reason once the rule fires.</summary>
    public string? Add(double value)
    {
        _count++;
        bool better = _best is not double b || (direction == StudyDirection.Maximize ? value > b : value < b);
        if (better)
        {
            _best = value;
            _sinceBest = 0;
        }
        else
        {
            _sinceBest++;
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (StopReason is null && rule.Target is double target && (direction == StudyDirection.Maximize ? _best >= target : _best <= target))
        {
            StopReason = string.Create(inv, $"early stopping: {rule.Metric} reached the target {target:G6} ({_best:G6})");
        }
        else if (StopReason is null && rule.Patience is int patience && _count >= rule.MinTrials && _sinceBest >= patience)
        {
            StopReason = string.Create(inv, $"early stopping: {rule.Metric} has not improved on {_best:G6} for {_sinceBest} trials");
        }

        return StopReason;
    }
}
