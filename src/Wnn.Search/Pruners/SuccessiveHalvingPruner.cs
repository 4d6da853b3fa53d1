using System.Globalization;

namespace Wnn.Search.Pruners;

/// <summary>
/// Asynchronous successive halving. Rung r is reached at step minResource · reductionFactor^(minEarlyStoppingRate + r);
/// a trial reaching a rung records its latest value there and continues only if that value is within the top
/// 1/reductionFactor of all values recorded at that rung (or it is among the first bootstrapCount). With minResource
/// null ("auto"), it is max(1, last step of the first complete trial / 100) and nothing is pruned before that trial.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    private readonly string _keyPrefix;
    private int? _minResource;

    /// <summary>Creates the pruner with Optuna's defaults (auto min resource, reduction factor 4, rate 0, no bootstrap).</summary>
    public SuccessiveHalvingPruner(int? minResource = null, int reductionFactor = 4, int minEarlyStoppingRate = 0, int bootstrapCount = 0)
        : this(minResource, reductionFactor, minEarlyStoppingRate, bootstrapCount, "sha")
    {
    }

    internal SuccessiveHalvingPruner(int? minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount, string keyPrefix)
    {
        if (minResource is int m && m < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minResource), m, "minResource must be at least 1 (or null for auto).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(minEarlyStoppingRate);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrapCount);
        if (bootstrapCount > 0 && minResource is null)
        {
            throw new ArgumentException("bootstrapCount > 0 needs an explicit minResource.", nameof(bootstrapCount));
        }

        _minResource = minResource;
        ReductionFactor = reductionFactor;
        MinEarlyStoppingRate = minEarlyStoppingRate;
        BootstrapCount = bootstrapCount;
        _keyPrefix = keyPrefix;
    }

    /// <summary>Reduction factor between rungs.</summary>
    public int ReductionFactor { get; }

    /// <summary>Offset of the first rung, in powers of the reduction factor.</summary>
    public int MinEarlyStoppingRate { get; }

    /// <summary>Trials that must reach a rung before any is pruned there.</summary>
    public int BootstrapCount { get; }

    /// <summary>The system attribute recording a trial's value at a rung.</summary>
    public string RungKey(int rung) => $"{_keyPrefix}:completed_rung_{rung}";

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        return PruneAmong(study, trial, () => study.Trials);
    }

    internal bool PruneAmong(Study study, FrozenTrial trial, Func<IReadOnlyList<FrozenTrial>> peers)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not int step)
        {
            return false;
        }

        if (_minResource is null)
        {
            FrozenTrial? first = study.GetTrials(TrialState.Complete).FirstOrDefault(t => t.LastStep is not null);
            if (first is null)
            {
                return false;
            }

            _minResource = Math.Max(first.LastStep!.Value / 100, 1);
        }

        int rung = 0;
        while (trial.SystemAttributes.ContainsKey(RungKey(rung)))
        {
            rung++;
        }

        double value = trial.IntermediateValues[step];
        IReadOnlyList<FrozenTrial>? all = null;
        bool minimize = study.Direction == StudyDirection.Minimize;
        while (true)
        {
            double promotionStep = _minResource.Value * Math.Pow(ReductionFactor, MinEarlyStoppingRate + rung);
            if (step < promotionStep)
            {
                return false;
            }

            if (double.IsNaN(value))
            {
                return true;
            }

            all ??= peers();
            string key = RungKey(rung);
            var competing = new List<double>();
            foreach (FrozenTrial t in all)
            {
                if (t.Id != trial.Id && t.SystemAttributes.TryGetValue(key, out object? v) && v is not null)
                {
                    competing.Add(Convert.ToDouble(v, CultureInfo.InvariantCulture));
                }
            }

            competing.Add(value);
            study.Storage.SetTrialSystemAttribute(trial.Id, key, value);
            if (competing.Count <= BootstrapCount || !IsPromotable(value, competing, minimize))
            {
                return true;
            }

            rung++;
        }
    }

    private bool IsPromotable(double value, List<double> competing, bool minimize)
    {
        int index = Math.Max((competing.Count / ReductionFactor) - 1, 0);
        competing.Sort();
        return minimize ? value <= competing[index] : value >= competing[competing.Count - 1 - index];
    }
}
