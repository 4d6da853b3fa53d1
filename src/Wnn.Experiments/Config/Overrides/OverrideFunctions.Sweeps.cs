namespace Wnn.Experiments.Config.Overrides;

/// <summary>choice, range, interval, tag, shuffle, sort and glob.</summary>
internal sealed partial class OverrideFunctions
{
    private static OverrideValue Choice(Bound b)
    {
        CheckAll(b, "Union[str, int, float, bool, Dict[Any, Any], List[Any], ChoiceSweep]", v => IsElementType(v) || v is ChoiceSweep);
        if (b.VarArgs.Count == 0)
        {
            throw new FunctionError("ValueError", "empty choice is not legal");
        }

        if (b.VarArgs is [ChoiceSweep single])
        {
            return single.SimpleForm
                ? single with { SimpleForm = false }
                : throw new FunctionError("ValueError", "nesting choices is not supported");
        }

        return new ChoiceSweep(new ValueList<OverrideElement>(b.VarArgs.Select(AsChoiceItem)), SimpleForm: false, Shuffle: false, NoTags);
    }

    private static OverrideElement AsChoiceItem(OverrideValue v) =>
        v as OverrideElement ?? throw new FunctionError("ValueError", "nesting choices is not supported");

    private static OverrideValue Range(Bound b)
    {
        const string number = "Union[int, float]";
        OverrideValue? start = b.Get("start"), stop = b.Get("stop"), step = b.Get("step");
        Check(start, "start", number, IsNumber);
        Check(stop, "stop", "Union[int, float, NoneType]", v => v is null || IsNumber(v));
        Check(step, "step", number, v => v is null || IsNumber(v));
        if (stop is null)
        {
            stop = start;
            start = new IntElement(0);
        }

        return new RangeSweep(IntIfBool((OverrideElement)start!), IntIfBool((OverrideElement)stop!), step is null ? new IntElement(1) : IntIfBool((OverrideElement)step), false, NoTags);
    }

    private static OverrideElement IntIfBool(OverrideElement e) => e is BoolElement bo ? new IntElement(bo.Value ? 1 : 0) : e;

    private static OverrideValue Interval(Bound b)
    {
        Check(b.Get("start"), "start", "Union[int, float]", IsNumber);
        Check(b.Get("end"), "end", "Union[int, float]", IsNumber);
        return new IntervalSweep(
            new FloatElement(PythonOrder.ToDouble((OverrideElement)b.Get("start")!)),
            new FloatElement(PythonOrder.ToDouble((OverrideElement)b.Get("end")!)),
            NoTags);
    }

    private static OverrideValue Tag(Bound b)
    {
        CheckAll(b, "Union[str, Sweep]", v => v is StringElement or ChoiceSweep or RangeSweep or IntervalSweep);
        Check(b.Get("sweep"), "sweep", "Optional[Sweep]", v => v is null or ChoiceSweep or RangeSweep or IntervalSweep);
        if (b.VarArgs.Count < 1)
        {
            throw new FunctionError("ValueError", "Not enough arguments to tag, must take at least a sweep");
        }

        List<OverrideValue> args = [.. b.VarArgs];
        if (b.Get("sweep") is OverrideValue sw)
        {
            args.Add(sw);
        }

        if (args[^1] is not (ChoiceSweep or RangeSweep or IntervalSweep))
        {
            throw new FunctionError("ValueError", $"Last argument to tag() must be a choice(), range() or interval(), got {PythonOrder.TypeName(args[^1])}");
        }

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (OverrideValue t in args.Take(args.Count - 1))
        {
            tags.Add(t is StringElement s ? s.Value : throw new FunctionError("ValueError", $"tag arguments type must be string, got {PythonOrder.TypeName(t)}"));
        }

        var list = new ValueList<string>(tags);
        return args[^1] switch
        {
            ChoiceSweep c => c with { Tags = list },
            RangeSweep r => r with { Tags = list },
            IntervalSweep i => i with { Tags = list },
            _ => throw new FunctionError("ValueError", "tag() needs a sweep"),
        };
    }

    private OverrideValue Shuffle(Bound b)
    {
        const string allowed = "Union[str, int, bool, float, list, dict, ChoiceSweep, RangeSweep]";
        CheckAll(b, allowed, v => IsElementType(v) || v is ChoiceSweep or RangeSweep);
        Check(b.Get("sweep"), "sweep", "Optional[Union[ChoiceSweep, RangeSweep]]", v => v is null or ChoiceSweep or RangeSweep);
        Check(b.Get("list"), "list", "Optional[List[Any]]", v => v is null or ListElement);
        if (b.Get("list") is OverrideValue list)
        {
            return ShuffleOne(list);
        }

        if (b.Get("sweep") is OverrideValue sweep)
        {
            return ShuffleOne(sweep);
        }

        if (b.VarArgs.Count == 1)
        {
            return ShuffleOne(b.VarArgs[0]);
        }

        return new ChoiceSweep(new ValueList<OverrideElement>(b.VarArgs.Select(AsChoiceItem)), SimpleForm: true, Shuffle: true, NoTags);
    }

    private OverrideValue ShuffleOne(OverrideValue v) =>
        v switch
        {
            ChoiceSweep c => c with { Shuffle = true },
            RangeSweep r => r with { Shuffle = true },
            ListElement l => new ListElement(new ValueList<OverrideElement>(ShuffleCopy(l.Items, _random))),
            OverrideElement e => new ListElement(new ValueList<OverrideElement>([e])),
            _ => throw new FunctionError("TypeError", $"cannot shuffle a {PythonOrder.TypeName(v)}"),
        };

    /// <summary>A Fisher–Yates shuffle with the given generator (Hydra's is unseeded; ours is seeded so plans repeat).</summary>
    internal static List<T> ShuffleCopy<T>(IEnumerable<T> items, Random random)
    {
        var a = items.ToList();
        for (int i = a.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }

        return a;
    }

    private static OverrideValue Sort(Bound b)
    {
        const string allowed = "Union[str, int, bool, float, list, dict, ChoiceSweep, RangeSweep]";
        CheckAll(b, allowed, v => IsElementType(v) || v is ChoiceSweep or RangeSweep);
        Check(b.Get("sweep"), "sweep", "Optional[Union[ChoiceSweep, RangeSweep]]", v => v is null or ChoiceSweep or RangeSweep);
        Check(b.Get("list"), "list", "Optional[List[Any]]", v => v is null or ListElement);
        Check(b.Get("reverse"), "reverse", "bool", v => v is null or BoolElement);
        bool reverse = b.Get("reverse") is BoolElement { Value: true };
        if (b.Get("list") is ListElement list)
        {
            return new ListElement(new ValueList<OverrideElement>(PythonOrder.Sorted(list.Items, reverse)));
        }

        if (b.Get("sweep") is OverrideValue sweep)
        {
            return SortSweep(sweep, reverse);
        }

        if (b.VarArgs.Count == 1)
        {
            return b.VarArgs[0] switch
            {
                ChoiceSweep or RangeSweep => SortSweep(b.VarArgs[0], reverse),
                ListElement l => new ListElement(new ValueList<OverrideElement>(PythonOrder.Sorted(l.Items, reverse))),
                OverrideElement e => e,
                _ => throw new FunctionError("TypeError", "Invalid arguments"),
            };
        }

        if (b.VarArgs.Any(a => a is not (IntElement or FloatElement or BoolElement or StringElement)))
        {
            throw new FunctionError("TypeError", "Invalid arguments: sort of several values takes only ints, floats, bools and strings");
        }

        if (b.VarArgs.Count == 0)
        {
            throw new FunctionError("ValueError", "empty sort input");
        }

        return new ChoiceSweep(new ValueList<OverrideElement>(PythonOrder.Sorted(b.VarArgs.Cast<OverrideElement>(), reverse)), SimpleForm: true, Shuffle: false, NoTags);
    }

    // Hydra sorts a range by flipping its direction: ascending start = stop + |step|, stop = start + |step|, step = -step.
    private static OverrideValue SortSweep(OverrideValue sweep, bool reverse)
    {
        if (sweep is ChoiceSweep c)
        {
            return c with { Items = new ValueList<OverrideElement>(PythonOrder.Sorted(c.Items, reverse)) };
        }

        var r = (RangeSweep)sweep;
        OverrideElement absStep = Num.Abs(r.Step);
        if (!reverse && Num.Less(r.Stop, r.Start))
        {
            return r with { Start = Num.Add(r.Stop, absStep), Stop = Num.Add(r.Start, absStep), Step = Num.Negate(r.Step) };
        }

        if (reverse && Num.Less(r.Start, r.Stop))
        {
            return r with { Start = Num.Subtract(r.Stop, absStep), Stop = Num.Subtract(r.Start, absStep), Step = Num.Negate(r.Step) };
        }

        return r;
    }

    private static OverrideValue Glob(Bound b)
    {
        Check(b.Get("include"), "include", "Union[List[str], str]", v => v is StringElement or ListElement);
        Check(b.Get("exclude"), "exclude", "Optional[Union[List[str], str]]", v => v is null or StringElement or ListElement);
        return new GlobSweep(Patterns(b.Get("include")), Patterns(b.Get("exclude")));
    }

    private static ValueList<string> Patterns(OverrideValue? v) =>
        v switch
        {
            null => ValueList<string>.Empty,
            StringElement s => new ValueList<string>([s.Value]),
            ListElement l => new ValueList<string>(l.Items.Select(i => i switch
            {
                StringElement s => s.Value,
                QuotedStringElement q => q.Text,
                _ => throw new FunctionError("TypeError", $"glob patterns must be strings, got {PythonOrder.TypeName(i)}"),
            })),
            _ => throw new FunctionError("TypeError", "glob patterns must be strings"),
        };

    /// <summary>Python arithmetic on int/float elements (int op int stays int).</summary>
    private static class Num
    {
        public static bool Less(OverrideElement a, OverrideElement b) => PythonOrder.LessThan(a, b);

        public static OverrideElement Abs(OverrideElement a) => a is IntElement i ? new IntElement(Math.Abs(i.Value)) : new FloatElement(Math.Abs(PythonOrder.ToDouble(a)));

        public static OverrideElement Negate(OverrideElement a) => a is IntElement i ? new IntElement(-i.Value) : new FloatElement(-PythonOrder.ToDouble(a));

        public static OverrideElement Add(OverrideElement a, OverrideElement b) =>
            a is IntElement x && b is IntElement y ? new IntElement(checked(x.Value + y.Value)) : new FloatElement(PythonOrder.ToDouble(a) + PythonOrder.ToDouble(b));

        public static OverrideElement Subtract(OverrideElement a, OverrideElement b) =>
            a is IntElement x && b is IntElement y ? new IntElement(checked(x.Value - y.Value)) : new FloatElement(PythonOrder.ToDouble(a) - PythonOrder.ToDouble(b));
    }
}
