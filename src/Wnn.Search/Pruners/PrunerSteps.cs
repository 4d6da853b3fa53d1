namespace Wnn.Search.Pruners;

/// <summary>Shared step arithmetic of the pruners.</summary>
internal static class PrunerSteps
{
    /// <summary>True when the latest step is the first reported step at or after the latest interval boundary.</summary>
    public static bool IsFirstInInterval(FrozenTrial trial, int step, int warmup, int interval)
    {
        int nearestLowerPruningStep = ((step - warmup) / interval * interval) + warmup;
        int secondLast = trial.IntermediateValues.Keys.Where(s => s != step).DefaultIfEmpty(-1).Max();
        return secondLast < nearestLowerPruningStep;
    }

    /// <summary>Best (min or max) non-NaN intermediate value at steps &lt;= maxStep; NaN when there is none.</summary>
    public static double BestIntermediate(FrozenTrial trial, bool minimize, int maxStep)
    {
        double best = double.NaN;
        foreach (KeyValuePair<int, double> kv in trial.IntermediateValues)
        {
            if (kv.Key > maxStep || double.IsNaN(kv.Value))
            {
                continue;
            }

            if (double.IsNaN(best) || (minimize ? kv.Value < best : kv.Value > best))
            {
                best = kv.Value;
            }
        }

        return best;
    }

    /// <summary>The q-th percentile with linear interpolation between order statistics.</summary>
    public static double PercentileOf(List<double> values, double q)
    {
        values.Sort();
        double pos = q / 100.0 * (values.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, values.Count - 1);
        return values[lo] + ((pos - lo) * (values[hi] - values[lo]));
    }
}
