using System.Globalization;

namespace Wnn.Experiments.Config.Overrides;

/// <summary>int(), float(), str() and bool(): on values, recursively on lists and dict values, and on sweeps.</summary>
internal sealed partial class OverrideFunctions
{
    private static OverrideValue Cast(string kind, Bound b)
    {
        CheckAll(b, "Union[ParsedElementType, Sweep]", v => v is not GlobSweep);
        Check(b.Get("value"), "value", "Optional[Union[ParsedElementType, Sweep]]", v => v is not GlobSweep);
        OverrideValue? named = b.Get("value");
        if (b.VarArgs.Count > 0 && named is not null)
        {
            throw new FunctionError("TypeError", "cannot use both position and named arguments");
        }

        OverrideValue value = named ?? b.VarArgs.Count switch
        {
            0 => throw new FunctionError("TypeError", "No positional args or value specified"),
            1 => b.VarArgs[0],
            _ => new ChoiceSweep(new ValueList<OverrideElement>(b.VarArgs.Select(AsChoiceItem)), SimpleForm: true, Shuffle: false, NoTags),
        };
        return CastValue(kind, value);
    }

    private static OverrideValue CastValue(string kind, OverrideValue value)
    {
        switch (value)
        {
            case ChoiceSweep c:
                // As Hydra's cast_choice: a new choice of the cast items; shuffle and tags are not carried over.
                return new ChoiceSweep(new ValueList<OverrideElement>(c.Items.Select(i => CastElement(kind, i))), c.SimpleForm, Shuffle: false, NoTags);
            case RangeSweep r:
                if (kind is not ("int" or "float"))
                {
                    throw new FunctionError("ValueError", "Range can only be cast to int or float");
                }

                return new RangeSweep(CastElement(kind, r.Start), CastElement(kind, r.Stop), CastElement(kind, r.Step), false, NoTags);
            case IntervalSweep iv:
                if (kind is "str" or "bool")
                {
                    throw new FunctionError("ValueError", $"Intervals cannot be cast to {kind}");
                }

                return iv with { Start = CastElement(kind, iv.Start), End = CastElement(kind, iv.End) };
            case OverrideElement e:
                return CastElement(kind, e);
            default:
                throw new FunctionError("TypeError", $"cannot cast a {PythonOrder.TypeName(value)}");
        }
    }

    private static OverrideElement CastElement(string kind, OverrideElement e) =>
        e switch
        {
            QuotedStringElement q => CastElement(kind, new StringElement(q.Text)),
            ListElement l => new ListElement(new ValueList<OverrideElement>(l.Items.Select(i => CastElement(kind, i)))),
            DictElement d => new DictElement(new ValueList<KeyValuePair<OverrideElement, OverrideElement>>(
                d.Entries.Select(p => new KeyValuePair<OverrideElement, OverrideElement>(p.Key, CastElement(kind, p.Value))))),
            NullElement => throw new FunctionError("AssertionError", $"null cannot be cast to {kind}"),
            _ => kind switch
            {
                "int" => ToInt(e),
                "float" => ToFloat(e),
                "str" => ToStr(e),
                _ => ToBool(e),
            },
        };

    private static IntElement ToInt(OverrideElement e)
    {
        switch (e)
        {
            case IntElement i:
                return i;
            case BoolElement b:
                return new IntElement(b.Value ? 1 : 0);
            case FloatElement f:
                if (double.IsNaN(f.Value))
                {
                    throw new FunctionError("ValueError", "cannot convert float NaN to integer");
                }

                if (double.IsInfinity(f.Value))
                {
                    throw new FunctionError("OverflowError", "cannot convert float infinity to integer");
                }

                double t = Math.Truncate(f.Value);
                return t is >= -9.2233720368547758E18 and < 9.2233720368547758E18
                    ? new IntElement((long)t)
                    : throw new FunctionError("OverflowError", $"{PythonFloat.Repr(f.Value)} does not fit in a 64-bit integer");
            case StringElement s:
                return PythonFloat.TryParseInt(s.Value, out long v)
                    ? new IntElement(v)
                    : throw new FunctionError("ValueError", $"invalid literal for int() with base 10: '{s.Value}'");
            default:
                throw new FunctionError("TypeError", $"cannot cast {PythonOrder.TypeName(e)} to int");
        }
    }

    private static FloatElement ToFloat(OverrideElement e) =>
        e switch
        {
            FloatElement f => f,
            IntElement i => new FloatElement(i.Value),
            BoolElement b => new FloatElement(b.Value ? 1 : 0),
            StringElement s => PythonFloat.TryParse(s.Value, out double d)
                ? new FloatElement(d)
                : throw new FunctionError("ValueError", $"could not convert string to float: '{s.Value}'"),
            _ => throw new FunctionError("TypeError", $"cannot cast {PythonOrder.TypeName(e)} to float"),
        };

    private static StringElement ToStr(OverrideElement e) =>
        e switch
        {
            StringElement s => s,
            IntElement i => new StringElement(i.Value.ToString(CultureInfo.InvariantCulture)),
            FloatElement f => new StringElement(PythonFloat.Repr(f.Value)),
            BoolElement b => new StringElement(b.Value ? "true" : "false"),
            _ => throw new FunctionError("TypeError", $"cannot cast {PythonOrder.TypeName(e)} to str"),
        };

    private static BoolElement ToBool(OverrideElement e) =>
        e switch
        {
            BoolElement b => b,
            IntElement i => new BoolElement(i.Value != 0),
            FloatElement f => new BoolElement(f.Value != 0 || double.IsNaN(f.Value)),
            StringElement s when s.Value.Equals("true", StringComparison.OrdinalIgnoreCase) => new BoolElement(true),
            StringElement s when s.Value.Equals("false", StringComparison.OrdinalIgnoreCase) => new BoolElement(false),
            StringElement s => throw new FunctionError("ValueError", $"Cannot cast '{s.Value}' to bool"),
            _ => throw new FunctionError("TypeError", $"cannot cast {PythonOrder.TypeName(e)} to bool"),
        };
}
