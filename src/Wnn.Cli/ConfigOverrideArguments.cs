using System.CommandLine;
using System.Globalization;
using Wnn.Experiments.Config.Overrides;

namespace Wnn.Cli;

/// <summary>
/// Hydra-style overrides of schema keys as positional arguments (<c>wnn search ga.generations=10 model.context=6</c>),
/// read with the override grammar: <c>key=value</c>, <c>+key=value</c> and <c>++key=value</c> set a key (dotted name
/// or alias), <c>~key</c> resets it to its default. They come last: override &gt; flag &gt; YAML &gt; default.
/// </summary>
internal sealed class ConfigOverrideArguments(ConfigScope scope)
{
    /// <summary>The positional <c>overrides</c> argument.</summary>
    public Argument<string[]> Argument { get; } = new("overrides")
    {
        Description = "Overrides of config keys (docs/configs-keys.md): key=value, +key=value, ++key=value, ~key (reset to the default)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The overrides given, in order: the key, the value as text (null for null), and whether it resets the key.</summary>
    /// <exception cref="CliException">A parse error (with its column), a sweep, a group selection, a list or dict value, or an unknown key.</exception>
    public IReadOnlyList<(string Text, ConfigKeyDefinition Key, string Name, string? Value, bool Reset)> Given(ParseResult parse)
    {
        var result = new List<(string, ConfigKeyDefinition, string, string?, bool)>();
        foreach (string text in parse.GetValue(Argument) ?? [])
        {
            if (text.StartsWith('-'))
            {
                // An unknown option lands here because the overrides argument takes any token: report it as one.
                throw new CliException(ParseErrorReport.UnknownOption(parse, text));
            }

            Override o;
            try
            {
                o = OverrideParser.Parse(text);
            }
            catch (OverrideParseException ex)
            {
                throw new CliException(ex.Message, ex);
            }

            if (o.IsSweep)
            {
                throw new CliException($"override '{text}' is a sweep; this command runs one configuration (run sweeps with 'wnn sweep run', list their jobs with 'wnn sweep plan')");
            }

            if (o.Package is not null || o.KeyOrGroup.Contains('/', StringComparison.Ordinal))
            {
                throw new CliException($"override '{text}': config groups and packages need a config directory (wnn config show --config-dir); here only key=value, +key=value, ++key=value and ~key of config keys are accepted");
            }

            ConfigKeyDefinition key = ConfigSchema.Find(o.KeyOrGroup) is { } k && (k.Scope & scope) != 0
                ? k
                : throw new CliException($"override '{text}': {UnknownKey(o.KeyOrGroup)}");
            if (o.Type == OverrideType.Delete)
            {
                result.Add((text, key, o.KeyOrGroup, null, true));
                continue;
            }

            result.Add((text, key, o.KeyOrGroup, ValueText(text, o.Element!), false));
        }

        return result;
    }

    private static string? ValueText(string text, OverrideElement element) => element switch
    {
        NullElement => null,
        BoolElement b => b.Value ? "true" : "false",
        IntElement i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatElement f => OverrideFormatter.FormatFloat(f.Value),
        StringElement s => s.Value,
        QuotedStringElement q => q.Text,
        _ => throw new CliException($"override '{text}': a config key takes one value (a number, string, bool or null), not a list or dict"),
    };

    /// <summary>"unknown config key 'x'; nearest: a, b, c" with the schema keys (names or aliases) closest in edit distance.</summary>
    private string UnknownKey(string name)
    {
        var nearest = ConfigSchema.In(scope)
            .Select(k => (k.Name, Distance: k.Names.Min(n => Distance(name, n))))
            .OrderBy(k => k.Distance)
            .ThenBy(k => k.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(k => k.Name);
        return $"unknown config key '{name}'; nearest: {string.Join(", ", nearest)} (all keys: docs/configs-keys.md)";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
