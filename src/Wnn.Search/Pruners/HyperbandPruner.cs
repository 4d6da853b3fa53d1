namespace Wnn.Search.Pruners;

/// <summary>
/// Hyperband: several successive-halving brackets with increasing early-stopping rates; each trial is assigned to a
/// bracket by a stable hash of the study name and trial number, weighted by the bracket budgets, and competes only with
/// trials of its bracket. With maxResource null ("auto") it is the last step of the first complete trial, and nothing
/// is pruned before that trial.
/// </summary>
public sealed class HyperbandPruner : IPruner
{
    private readonly int _minResource;
    private readonly int _reductionFactor;
    private readonly int _bootstrapCount;
    private int? _maxResource;
    private SuccessiveHalvingPruner[]? _brackets;
    private int[]? _budgets;

    /// <summary>Creates the pruner with Optuna's defaults (min resource 1, auto max resource, reduction factor 3).</summary>
    public HyperbandPruner(int minResource = 1, int? maxResource = null, int reductionFactor = 3, int bootstrapCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrapCount);
        if (maxResource is int max && max <= minResource)
        {
            throw new ArgumentOutOfRangeException(nameof(maxResource), max, $"maxResource must exceed minResource ({minResource}).");
        }

        _minResource = minResource;
        _maxResource = maxResource;
        _reductionFactor = reductionFactor;
        _bootstrapCount = bootstrapCount;
    }

    /// <summary>Number of brackets (known once the max resource is).</summary>
    public int BracketCount => _brackets?.Length ?? 0;

    /// <summary>The bracket of a trial number (requires a known max resource).</summary>
    public int BracketOf(string studyName, int trialNumber)
    {
        if (_budgets is null)
        {
            throw new InvalidOperationException("The max resource is not known yet.");
        }

        long total = _budgets.Sum();
        long h = (long)((ulong)SearchRandom.StableHash($"{studyName}_{trialNumber}") % (ulong)total);
        for (int i = 0; i < _budgets.Length; i++)
        {
            h -= _budgets[i];
            if (h < 0)
            {
                return i;
            }
        }

        return _budgets.Length - 1;
    }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (_brackets is null)
        {
            if (_maxResource is null)
            {
                FrozenTrial? first = study.GetTrials(TrialState.Complete).FirstOrDefault(t => t.LastStep is not null);
                if (first is null)
                {
                    return false;
                }

                _maxResource = Math.Max(first.LastStep!.Value, _minResource + 1);
            }

            int n = (int)Math.Floor(Math.Log((double)_maxResource.Value / _minResource) / Math.Log(_reductionFactor) + 1e-9) + 1;
            _brackets = new SuccessiveHalvingPruner[n];
            _budgets = new int[n];
            for (int i = 0; i < n; i++)
            {
                _brackets[i] = new SuccessiveHalvingPruner(_minResource, _reductionFactor, i, _bootstrapCount, $"hb{i}");
                _budgets[i] = (int)Math.Ceiling(n * Math.Pow(_reductionFactor, n - 1 - i) / (n - i));
            }
        }

        int bracket = BracketOf(study.Name, trial.Number);
        return _brackets[bracket].PruneAmong(study, trial, () => [.. study.Trials.Where(t => BracketOf(study.Name, t.Number) == bracket)]);
    }
}
