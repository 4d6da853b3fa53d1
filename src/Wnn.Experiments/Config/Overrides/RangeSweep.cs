namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// <c>range(start, stop, step)</c> with Python semantics (stop excluded, negative steps count down). All-int arguments
/// give ints; any float gives floats stepped exactly as Hydra does (decimal arithmetic, see <see cref="Values"/>).
/// </summary>
public sealed record RangeSweep(OverrideElement Start, OverrideElement Stop, OverrideElement Step, bool Shuffle, ValueList<string> Tags) : OverrideSweep(Tags)
{
    /// <summary>True if start, stop and step are all ints (a Python <c>range</c>); else Hydra's FloatRange.</summary>
    public bool IsInt => Start is IntElement && Stop is IntElement && Step is IntElement;

    /// <summary>
    /// The values in order (before any shuffle). Ints as Python's range; floats as Hydra's FloatRange: start, stop and step
    /// are converted to exact decimals and the step is added with 28 significant digits, each value converted back to the
    /// nearest double. A zero step is an error, as in Hydra.
    /// </summary>
    public IEnumerable<OverrideElement> Values()
    {
        if (IsInt)
        {
            long start = ((IntElement)Start).Value, stop = ((IntElement)Stop).Value, step = ((IntElement)Step).Value;
            if (step == 0)
            {
                throw new SweepPlanException("range() arg 3 must not be zero");
            }

            return IntValues(start, stop, step);
        }

        PythonDecimal a = ToDecimal(Start), b = ToDecimal(Stop), s = ToDecimal(Step);
        if (s.IsZero)
        {
            throw new SweepPlanException(
                $"Invalid range values (start:{OverrideFormatter.Format(Start)}, stop:{OverrideFormatter.Format(Stop)}, step:{OverrideFormatter.Format(Step)}): the step must not be zero");
        }

        return FloatValues(a, b, s);
    }

    private static IEnumerable<OverrideElement> IntValues(long start, long stop, long step)
    {
        for (long v = start; step > 0 ? v < stop : v > stop; v = checked(v + step))
        {
            yield return new IntElement(v);
            if ((step > 0 && v > long.MaxValue - step) || (step < 0 && v < long.MinValue - step))
            {
                yield break;
            }
        }
    }

    private static IEnumerable<OverrideElement> FloatValues(PythonDecimal start, PythonDecimal stop, PythonDecimal step)
    {
        for (PythonDecimal v = start; step.Sign > 0 ? v < stop : v > stop; v += step)
        {
            yield return new FloatElement(v.ToDouble());
        }
    }

    private static PythonDecimal ToDecimal(OverrideElement e) =>
        e switch
        {
            IntElement i => PythonDecimal.FromLong(i.Value),
            FloatElement f when double.IsFinite(f.Value) => PythonDecimal.FromDouble(f.Value),
            FloatElement f => throw new SweepPlanException($"range() needs finite numbers, got {OverrideFormatter.Format(f)}"),
            _ => throw new SweepPlanException($"range() needs numbers, got {OverrideFormatter.Format(e)}"),
        };
}
