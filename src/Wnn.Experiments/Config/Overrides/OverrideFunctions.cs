namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// Hydra 1.3's grammar functions: casts <c>int float str bool</c>, <c>choice range interval tag sort shuffle glob</c>.
/// Arguments bind as Python binds them (positional, then by name) and are type-checked as Hydra does; errors read like
/// Hydra's (<c>ValueError while evaluating 'int(nan)': cannot convert float NaN to integer</c>).
/// </summary>
internal sealed partial class OverrideFunctions(int shuffleSeed)
{
    private static readonly Dictionary<string, Signature> Signatures = new(StringComparer.Ordinal)
    {
        ["bool"] = Signature.Cast("bool"),
        ["choice"] = new("choice(*args: str|int|float|bool|list|dict|ChoiceSweep)", [new("args", Kind.VarArgs)]),
        ["float"] = Signature.Cast("float"),
        ["glob"] = new("glob(include: str|List[str], exclude: str|List[str] = None)", [new("include", Kind.Positional), new("exclude", Kind.Positional, true)]),
        ["int"] = Signature.Cast("int"),
        ["interval"] = new("interval(start: int|float, end: int|float)", [new("start", Kind.Positional), new("end", Kind.Positional)]),
        ["range"] = new("range(start: int|float, stop: int|float = None, step: int|float = 1)",
            [new("start", Kind.Positional), new("stop", Kind.Positional, true), new("step", Kind.Positional, true)]),
        ["shuffle"] = new("shuffle(*args, sweep: choice|range = None, list: list = None)",
            [new("args", Kind.VarArgs), new("sweep", Kind.KeywordOnly, true), new("list", Kind.KeywordOnly, true)]),
        ["sort"] = new("sort(*args, sweep: choice|range = None, list: list = None, reverse: bool = False)",
            [new("args", Kind.VarArgs), new("sweep", Kind.KeywordOnly, true), new("list", Kind.KeywordOnly, true), new("reverse", Kind.KeywordOnly, true)]),
        ["str"] = Signature.Cast("str"),
        ["tag"] = new("tag(*tags: str, sweep: choice|range|interval)", [new("args", Kind.VarArgs), new("sweep", Kind.KeywordOnly, true)]),
    };

    private readonly Random _random = new(shuffleSeed);

    private enum Kind
    {
        Positional,
        VarArgs,
        KeywordOnly,
    }

    /// <summary>Evaluates a call; any failure becomes an <see cref="OverrideParseException"/> at the function's column.</summary>
    public OverrideValue Call(string name, List<OverrideValue> args, List<KeyValuePair<string, OverrideValue>> kwargs, string source, string overrideText, int column)
    {
        if (!Signatures.TryGetValue(name, out Signature? signature))
        {
            throw new OverrideParseException(overrideText, column, $"Unknown function '{name}'", "one of " + string.Join(", ", Signatures.Keys.Order(StringComparer.Ordinal)));
        }

        try
        {
            Bound b = Bind(signature, args, kwargs);
            return Evaluate(name, b);
        }
        catch (FunctionError e)
        {
            throw new OverrideParseException(overrideText, column, $"{e.PythonClass} while evaluating '{source}': {e.Message}", signature.Text);
        }
        catch (OverflowException)
        {
            throw new OverrideParseException(overrideText, column, $"OverflowError while evaluating '{source}': a number does not fit in 64 bits", signature.Text);
        }
        catch (SweepPlanException e)
        {
            throw new OverrideParseException(overrideText, column, $"ValueError while evaluating '{source}': {e.Message}", signature.Text);
        }
    }

    private OverrideValue Evaluate(string name, Bound b) =>
        name switch
        {
            "int" or "float" or "str" or "bool" => Cast(name, b),
            "choice" => Choice(b),
            "range" => Range(b),
            "interval" => Interval(b),
            "tag" => Tag(b),
            "shuffle" => Shuffle(b),
            "sort" => Sort(b),
            "glob" => Glob(b),
            _ => throw new FunctionError("NameError", name),
        };

    private static Bound Bind(Signature sig, List<OverrideValue> args, List<KeyValuePair<string, OverrideValue>> kwargs)
    {
        var named = new Dictionary<string, OverrideValue>(StringComparer.Ordinal);
        var varArgs = new List<OverrideValue>();
        Param[] positional = [.. sig.Params.Where(p => p.Kind == Kind.Positional)];
        bool hasVarArgs = sig.Params.Any(p => p.Kind == Kind.VarArgs);
        for (int i = 0; i < args.Count; i++)
        {
            if (i < positional.Length)
            {
                named[positional[i].Name] = args[i];
            }
            else if (hasVarArgs)
            {
                varArgs.Add(args[i]);
            }
            else
            {
                throw new FunctionError("TypeError", "too many positional arguments");
            }
        }

        foreach ((string key, OverrideValue value) in kwargs)
        {
            Param? p = sig.Params.FirstOrDefault(x => x.Name == key && x.Kind != Kind.VarArgs);
            if (p is null)
            {
                throw new FunctionError("TypeError", $"got an unexpected keyword argument '{key}'");
            }

            if (!named.TryAdd(key, value))
            {
                throw new FunctionError("TypeError", $"multiple values for argument '{key}'");
            }
        }

        foreach (Param p in positional.Where(p => !p.Optional && !named.ContainsKey(p.Name)))
        {
            throw new FunctionError("TypeError", $"missing a required argument: '{p.Name}'");
        }

        return new Bound(named, varArgs);
    }

    private static void Check(OverrideValue? value, string argName, string expected, Func<OverrideValue?, bool> ok)
    {
        if (!ok(value))
        {
            throw new FunctionError("TypeError", $"mismatch type argument {argName}: {PythonOrder.TypeName(value)} is incompatible with {expected}");
        }
    }

    private static void CheckAll(Bound b, string expected, Func<OverrideValue?, bool> ok)
    {
        for (int i = 0; i < b.VarArgs.Count; i++)
        {
            Check(b.VarArgs[i], $"args[{i}]", expected, ok);
        }
    }

    private static bool IsNumber(OverrideValue? v) => v is IntElement or FloatElement or BoolElement;

    private static bool IsElementType(OverrideValue? v) => v is StringElement or IntElement or FloatElement or BoolElement or ListElement or DictElement;

    private static ValueList<string> NoTags => ValueList<string>.Empty;

    private sealed record Param(string Name, Kind Kind, bool Optional = false);

    private sealed record Signature(string Text, Param[] Params)
    {
        public static Signature Cast(string name) =>
            new($"{name}(*args, value = None): a value, list, dict, choice, range or interval", [new("args", Kind.VarArgs), new("value", Kind.KeywordOnly, true)]);
    }

    private sealed record Bound(Dictionary<string, OverrideValue> Named, List<OverrideValue> VarArgs)
    {
        public OverrideValue? Get(string name) => Named.TryGetValue(name, out OverrideValue? v) ? v : null;
    }
}
