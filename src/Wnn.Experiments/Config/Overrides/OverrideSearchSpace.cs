using Wnn.Search;

namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// Turns a sweep override into a search-space distribution for a study-driven sweep (as Hydra's Optuna sweeper does):
/// a choice or glob becomes categorical; an int range an <see cref="IntDistribution"/> and a float range a stepped
/// <see cref="FloatDistribution"/> over exactly the values the grid would run (Python's stop is excluded; a shuffled
/// or one-value range is categorical); an interval a uniform distribution, int if both ends are ints (<c>int(interval(…))</c>),
/// log-scaled when tagged <c>log</c> (<c>tag(log, interval(1e-5, 1e-1))</c>).
/// </summary>
public static class OverrideSearchSpace
{
    /// <summary>The distribution of a sweep override; a non-sweep override is an error.</summary>
    public static ParameterDistribution ToDistribution(Override sweep, Func<string, IReadOnlyList<string>>? groupOptions = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        try
        {
            return sweep.Value switch
            {
                ChoiceSweep c => new CategoricalDistribution(c.Items.Select(Encode)),
                GlobSweep => new CategoricalDistribution(BasicSweepPlanner.SweepValues(sweep, new Random(0), groupOptions)),
                RangeSweep r => FromRange(r),
                IntervalSweep i => FromInterval(i),
                _ => throw new SweepPlanException($"'{sweep.InputLine}' is not a sweep; a search space needs choice(), range(), interval() or glob()"),
            };
        }
        catch (ArgumentException e)
        {
            throw new SweepPlanException($"'{sweep.InputLine}': {e.Message}");
        }
    }

    /// <summary>
    /// A choice item as Hydra's sweepers pass it on: str, int, float and bool as themselves, anything else (null, quoted
    /// strings, lists, dicts) as its override text, so that writing <c>key={value}</c> gives back the same override.
    /// </summary>
    public static object? Encode(OverrideElement item) =>
        item switch
        {
            StringElement s => s.Value,
            IntElement i => i.Value,
            FloatElement f => f.Value,
            BoolElement b => b.Value,
            _ => OverrideFormatter.Format(item),
        };

    private static ParameterDistribution FromRange(RangeSweep r)
    {
        List<OverrideElement> values = [.. r.Values().Take(1_000_001)];
        if (values.Count == 0)
        {
            throw new SweepPlanException("the range is empty");
        }

        if (r.Shuffle || values.Count == 1)
        {
            return new CategoricalDistribution(values.Select(Encode));
        }

        if (r.IsInt)
        {
            long a = ((IntElement)values[0]).Value, b = ((IntElement)values[^1]).Value, step = Math.Abs(((IntElement)r.Step).Value);
            long low = Math.Min(a, b), high = Math.Max(a, b);
            return low >= int.MinValue && high <= int.MaxValue && step <= int.MaxValue
                ? new IntDistribution((int)low, (int)high, step: (int)step)
                : new CategoricalDistribution(values.Select(Encode));
        }

        double first = ((FloatElement)values[0]).Value, last = ((FloatElement)values[^1]).Value;
        double s = Math.Abs(PythonOrder.ToDouble(r.Step));
        try
        {
            return new FloatDistribution(Math.Min(first, last), Math.Max(first, last), step: s);
        }
        catch (ArgumentException)
        {
            return new CategoricalDistribution(values.Select(Encode));
        }
    }

    private static ParameterDistribution FromInterval(IntervalSweep i)
    {
        bool log = i.Tags.Contains("log");
        if (i.Start is IntElement a && i.End is IntElement b)
        {
            return a.Value >= int.MinValue && b.Value <= int.MaxValue
                ? new IntDistribution((int)a.Value, (int)b.Value, log)
                : throw new SweepPlanException("an int interval needs 32-bit ends");
        }

        return new FloatDistribution(PythonOrder.ToDouble(i.Start), PythonOrder.ToDouble(i.End), log);
    }
}
