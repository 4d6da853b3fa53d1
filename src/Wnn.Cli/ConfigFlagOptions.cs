using System.CommandLine;

namespace Wnn.Cli;

/// <summary>
/// The configuration flags of a command, derived from the schema: one option per key of <see cref="ConfigSchema"/> that
/// has a flag (<c>--ga-gens</c> for <c>ga.generations</c>, …), its help the key's documentation, name and default, plus
/// <c>--set key=value</c> for any key. Only flags given on the command line count (the precedence flag &gt; YAML &gt; default).
/// </summary>
internal sealed class ConfigFlagOptions
{
    private readonly List<(Option Option, ConfigKeyDefinition Key)> _flags = [];

    public ConfigFlagOptions(ConfigScope scope)
    {
        foreach (ConfigKeyDefinition key in ConfigSchema.In(scope).Where(k => k.Flag is not null))
        {
            string description = $"{key.Doc} ({key.Name}{(key.RangeText is { } range ? "; " + range : "")})";
            Option option = key.Kind == ConfigValueKind.Boolean
                ? new Option<bool>(key.Flag!) { Description = description, DefaultValueFactory = _ => (bool)key.Default! }
                : new Option<string?>(key.Flag!) { Description = description, HelpName = key.TypeName, DefaultValueFactory = _ => key.DefaultText };
            _flags.Add((option, key));
        }
    }

    /// <summary><c>--set key=value</c>: any configuration key (repeatable).</summary>
    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Set any configuration key (docs/configs-keys.md): --set key=value (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The flag options with their keys.</summary>
    public IReadOnlyList<(Option Option, ConfigKeyDefinition Key)> Flags => _flags;

    public void AddTo(Command command)
    {
        foreach (var (option, _) in _flags)
        {
            command.Add(option);
        }

        command.Add(Set);
    }

    /// <summary>The values given on the command line, in order: flags first, then <c>--set</c> items; each with the flag that gave it.</summary>
    public IReadOnlyList<(string Flag, string Key, string? Value)> Given(ParseResult parse)
    {
        var values = new List<(string Flag, string Key, string? Value)>();
        foreach (var (option, key) in _flags)
        {
            if (parse.GetResult(option) is not { Implicit: false })
            {
                continue;
            }

            string? text = option switch
            {
                Option<bool> b => parse.GetValue(b) ? "true" : "false",
                Option<string?> s => parse.GetValue(s),
                _ => null,
            };
            values.Add((option.Name, key.Name, text));
        }

        foreach (string item in parse.GetValue(Set) ?? [])
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException($"--set: '{item}' is not key=value");
            }

            values.Add(("--set", item[..eq].Trim(), item[(eq + 1)..]));
        }

        return values;
    }
}
