namespace Wnn.Search.Samplers;

/// <summary>
/// The below/above split of a single-objective study without constant liar, from compact rows kept between asks: a finished
/// trial never changes, so a row is recomputed only when the storage hands a different snapshot object at that position.
/// Gives the same split as the general path (value, then number; pruned trials by step and value; infeasible by violation).
/// </summary>
public sealed partial class TpeSampler
{
    private const byte CompleteRow = 0, PrunedRow = 1, InfeasibleRow = 2, IgnoredRow = 3;
    private FrozenTrial?[] _rowTrial = [];
    private byte[] _rowKind = [];
    private double[] _rowKey = [];
    private int[] _rowNumber = [];
    private int[] _rowDense = [];
    private bool[] _rowBelow = [];

    private Split FastSplit(Study study, FrozenTrial trial)
    {
        IReadOnlyList<FrozenTrial> trials = study.GetTrials(FinishedStates);
        int n = trials.Count;
        if (_rowTrial.Length < n)
        {
            int size = Math.Max(n, _rowTrial.Length * 2);
            Array.Resize(ref _rowTrial, size);
            Array.Resize(ref _rowKind, size);
            Array.Resize(ref _rowKey, size);
            Array.Resize(ref _rowNumber, size);
            Array.Resize(ref _rowDense, size);
            Array.Resize(ref _rowBelow, size);
        }

        double sign = study.Direction == StudyDirection.Minimize ? 1 : -1;
        int counted = 0;
        bool pruned = false, infeasible = false;
        for (int i = 0; i < n; i++)
        {
            FrozenTrial t = trials[i];
            if (!ReferenceEquals(_rowTrial[i], t))
            {
                _rowTrial[i] = t;
                _rowNumber[i] = t.Number;
                _rowDense[i] = DenseIndex(t);
                _rowKind[i] = t.Id == trial.Id ? IgnoredRow
                    : !t.IsFeasible ? InfeasibleRow
                    : t.State == TrialState.Complete && t.Values is not null ? CompleteRow
                    : t.State == TrialState.Pruned ? PrunedRow
                    : IgnoredRow;
                _rowKey[i] = _rowKind[i] == CompleteRow ? sign * t.Values![0] : 0;
            }

            _rowBelow[i] = false;
            counted += _rowKind[i] == IgnoredRow ? 0 : 1;
            pruned |= _rowKind[i] == PrunedRow;
            infeasible |= _rowKind[i] == InfeasibleRow;
        }

        int nBelow = Math.Max(0, _options.Gamma(counted));
        int chosen = MarkBestComplete(n, nBelow);
        if (pruned && chosen < nBelow)
        {
            List<FrozenTrial> prunedTrials = [.. Rows(n, PrunedRow).Select(i => trials[i])];
            chosen += MarkTrials(trials, n, OrderPruned(study, prunedTrials).Take(nBelow - chosen));
        }

        if (infeasible && chosen < nBelow)
        {
            List<FrozenTrial> infeasibleTrials = [.. Rows(n, InfeasibleRow).Select(i => trials[i])];
            MarkTrials(trials, n, infeasibleTrials.OrderBy(t => t.ConstraintViolation).ThenBy(t => t.Number).Take(nBelow - chosen));
        }

        var below = new List<FrozenTrial>(nBelow);
        var above = new List<FrozenTrial>(n);
        var belowDense = new List<int>(nBelow);
        var aboveDense = new List<int>(n);
        int finished = 0;
        for (int i = 0; i < n; i++)
        {
            if (_rowKind[i] == IgnoredRow && trials[i].Id == trial.Id)
            {
                continue;
            }

            finished++;
            if (_rowBelow[i])
            {
                below.Add(trials[i]);
                belowDense.Add(_rowDense[i]);
            }
            else if (_rowKind[i] != IgnoredRow)
            {
                above.Add(trials[i]);
                aboveDense.Add(_rowDense[i]);
            }
        }

        return new Split(trial.Id, below, above, finished, [.. belowDense], [.. aboveDense]);
    }

    private IEnumerable<int> Rows(int n, byte kind)
    {
        for (int i = 0; i < n; i++)
        {
            if (_rowKind[i] == kind)
            {
                yield return i;
            }
        }
    }

    private int MarkTrials(IReadOnlyList<FrozenTrial> trials, int n, IEnumerable<FrozenTrial> chosen)
    {
        var ids = new HashSet<long>(chosen.Select(t => t.Id));
        int marked = 0;
        for (int i = 0; i < n && ids.Count > 0; i++)
        {
            if (ids.Remove(trials[i].Id))
            {
                _rowBelow[i] = true;
                marked++;
            }
        }

        return marked;
    }

    /// <summary>Marks the k complete rows first by (key, number) and returns how many were marked.</summary>
    private int MarkBestComplete(int n, int k)
    {
        if (k <= 0)
        {
            return 0;
        }

        // Row indices of the best so far, sorted by (key, number); k is at most 25 by default, so insertion is cheap.
        var best = new List<int>(k + 1);
        for (int i = 0; i < n; i++)
        {
            if (_rowKind[i] != CompleteRow || (best.Count == k && Compare(i, best[^1]) >= 0))
            {
                continue;
            }

            int at = best.Count;
            while (at > 0 && Compare(i, best[at - 1]) < 0)
            {
                at--;
            }

            best.Insert(at, i);
            if (best.Count > k)
            {
                best.RemoveAt(k);
            }
        }

        foreach (int i in best)
        {
            _rowBelow[i] = true;
        }

        return best.Count;

        int Compare(int a, int b) => _rowKey[a].CompareTo(_rowKey[b]) is int c && c != 0 ? c : _rowNumber[a].CompareTo(_rowNumber[b]);
    }
}
