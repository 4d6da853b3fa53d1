namespace Wnn.Experiments.Config.Overrides;

/// <summary>Python's <c>==</c>, <c>&lt;</c> and <c>sorted()</c> on parsed elements, as Hydra's <c>sort()</c> uses them.</summary>
internal static class PythonOrder
{
    public static string TypeName(OverrideValue? v) =>
        v switch
        {
            null or NullElement => "NoneType",
            BoolElement => "bool",
            IntElement => "int",
            FloatElement => "float",
            StringElement => "str",
            QuotedStringElement => "QuotedString",
            ListElement => "list",
            DictElement => "dict",
            ChoiceSweep => "ChoiceSweep",
            RangeSweep => "RangeSweep",
            IntervalSweep => "IntervalSweep",
            GlobSweep => "Glob",
            _ => v.GetType().Name,
        };

    public static bool IsNumber(OverrideElement e) => e is IntElement or FloatElement or BoolElement;

    public static double ToDouble(OverrideElement e) =>
        e switch
        {
            IntElement i => i.Value,
            FloatElement f => f.Value,
            BoolElement b => b.Value ? 1 : 0,
            _ => throw new InvalidOperationException("not a number"),
        };

    public static bool PyEquals(OverrideElement a, OverrideElement b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return a is FloatElement || b is FloatElement ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        }

        return (a, b) switch
        {
            (ListElement x, ListElement y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => PyEquals(p.First, p.Second)),
            _ => a.Equals(b),
        };
    }

    /// <summary>Python's <c>a &lt; b</c>; throws for types Python cannot order.</summary>
    public static bool LessThan(OverrideElement a, OverrideElement b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return a is FloatElement || b is FloatElement ? ToDouble(a) < ToDouble(b) : ToLong(a) < ToLong(b);
        }

        switch (a, b)
        {
            case (StringElement x, StringElement y):
                return string.CompareOrdinal(x.Value, y.Value) < 0;
            case (ListElement x, ListElement y):
                for (int i = 0; i < Math.Min(x.Items.Count, y.Items.Count); i++)
                {
                    if (!PyEquals(x.Items[i], y.Items[i]))
                    {
                        return LessThan(x.Items[i], y.Items[i]);
                    }
                }

                return x.Items.Count < y.Items.Count;
            default:
                throw new FunctionError("TypeError", $"'<' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
        }
    }

    /// <summary>A stable sort as Python's (binary insertion; <c>reverse</c> keeps equal items in their order).</summary>
    public static List<OverrideElement> Sorted(IEnumerable<OverrideElement> items, bool reverse)
    {
        var input = items.ToList();
        if (reverse)
        {
            input.Reverse();
        }

        var a = new List<OverrideElement>(input.Count);
        foreach (OverrideElement pivot in input)
        {
            int lo = 0, hi = a.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (LessThan(pivot, a[mid]))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            a.Insert(lo, pivot);
        }

        if (reverse)
        {
            a.Reverse();
        }

        return a;
    }

    private static long ToLong(OverrideElement e) => e is BoolElement b ? (b.Value ? 1 : 0) : ((IntElement)e).Value;
}

/// <summary>A Python exception raised inside a grammar function (its class name and message, as Hydra reports them).</summary>
internal sealed class FunctionError(string pythonClass, string message) : Exception(message)
{
    public string PythonClass { get; } = pythonClass;
}
