using System.Text;
using YamlDotNet.Core;
using Wnn.Ram.Text;
using YamlDotNet.RepresentationModel;

namespace Wnn.Experiments.Config;

/// <summary>YAML load/save, CLI overrides and validation.</summary>
public sealed partial record PhasedConfig
{
    /// <summary>Parses YAML text; missing keys keep their defaults.</summary>
    /// <exception cref="ConfigException">Unknown key, wrong type, invalid value or malformed YAML.</exception>
    public static PhasedConfig FromYaml(string yaml) => FromYaml(yaml, out _);

    /// <summary>Parses YAML text and names the keys it sets (canonical dotted names, whatever form the file used).</summary>
    /// <exception cref="ConfigException">Unknown key, wrong type, invalid value or malformed YAML.</exception>
    public static PhasedConfig FromYaml(string yaml, out IReadOnlySet<string> keysGiven)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        keysGiven = new HashSet<string>(StringComparer.Ordinal);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"invalid YAML at line {ex.Start.Line}: {ex.Message}", ex);
        }

        PhasedConfig config = Default;
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" })
        {
            return config;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new ConfigException("config must be a YAML mapping of key: value");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        config = ReadMapping(config, map, "", seen);
        keysGiven = seen.Keys.ToHashSet(StringComparer.Ordinal);
        return config.Validated();
    }

    /// <summary>Loads a YAML file.</summary>
    /// <exception cref="ConfigException">The file is missing or invalid.</exception>
    public static PhasedConfig LoadYaml(string path)
        => ConfigFile.Load(path, "config file", FromYaml);

    /// <summary>Every key with its value, nested by group (<c>ga:</c> then <c>  generations: 100</c>), in key-table order.</summary>
    public string ToYaml()
    {
        var sb = new StringBuilder();
        sb.Append("# Wnn phased search configuration (docs/configs-keys.md lists the keys)\n");
        string? group = null;
        foreach (ConfigKey key in Keys)
        {
            if (key.Definition.Group != group)
            {
                group = key.Definition.Group;
                sb.Append(group).Append(":\n");
            }

            sb.Append("  ").Append(key.Name[(group.Length + 1)..]).Append(": ").Append(key.Format(this)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToYaml"/> to <paramref name="path"/> atomically.</summary>
    public void SaveYaml(string path)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, ToYaml());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Applies explicit values (snake_case key or alias → text, e.g. from CLI flags the user gave) on top of this
    /// configuration: the precedence explicit value &gt; YAML &gt; default.
    /// </summary>
    public PhasedConfig WithOverrides(IReadOnlyDictionary<string, string?> explicitValues)
    {
        ArgumentNullException.ThrowIfNull(explicitValues);
        PhasedConfig config = this;
        foreach (var (name, value) in explicitValues)
        {
            ConfigKey key = FindKey(name) ?? throw UnknownKey(name);
            config = key.Set(config, value, name);
        }

        return config.Validated();
    }

    /// <summary>Merges defaults, an optional YAML file and explicit CLI values (highest precedence).</summary>
    public static PhasedConfig Merge(string? yamlPath, IReadOnlyDictionary<string, string?> explicitValues) =>
        (yamlPath is null ? Default : LoadYaml(yamlPath)).WithOverrides(explicitValues);

    /// <summary>Returns this configuration after checking every value; throws naming the first bad one.</summary>
    /// <exception cref="ConfigException">A value is out of range.</exception>
    public PhasedConfig Validated()
    {
        PhasedConfig config = ValidatedSettings();
        foreach (Phased.PhaseSpec phase in Phased.PhasePlan.Of(config))
        {
            _ = phase.Apply(config);
        }

        return config;
    }

    /// <summary>Checks every key and the rules across keys, but not the per-phase settings of the phase list (<see cref="Phased.PhaseSpec.Apply"/>).</summary>
    internal PhasedConfig ValidatedSettings()
    {
        foreach (ConfigKey key in Keys)
        {
            if (key.Definition.Check(key.Get(this)) is { } error)
            {
                throw new ConfigException($"config key '{key.Name}': {error}");
            }
        }

        // What one key's range cannot say.
        Check(FitnessWeightCe + FitnessWeightAcc > 0, "fitness.weight_ce/fitness.weight_acc", $"{FitnessWeightCe}/{FitnessWeightAcc}", "not both 0");
        Check(MinBits <= MaxBits, "mutation.min_bits/mutation.max_bits", $"{MinBits}/{MaxBits}", "min_bits <= max_bits");
        Check(MinNeurons <= MaxNeurons, "mutation.min_neurons/mutation.max_neurons", $"{MinNeurons}/{MaxNeurons}", "min_neurons <= max_neurons");
        try
        {
            _ = Phased.PhasePlan.Of(this); // parses; Validated applies each phase's settings and checks a grid phase's values
        }
        catch (FormatException ex)
        {
            throw new ConfigException(ex.Message, ex);
        }

        try
        {
            _ = Tiers;
        }
        catch (FormatException ex)
        {
            throw new ConfigException($"config key '{ConfigKeys.TierConfig.Name}': {ex.Message}", ex);
        }

        try
        {
            ModelOptions.Validate();
            Data.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message, ex);
        }
        catch (DataException ex)
        {
            throw new ConfigException(ex.Message, ex);
        }

        return this;
    }

    private static void Check(bool ok, string key, object? value, string allowed)
    {
        if (!ok)
        {
            throw new ConfigException($"config key '{key}': {value ?? "null"} is out of range; allowed {allowed}");
        }
    }

    private static ConfigException UnknownKey(string name) => new(ConfigSchema.UnknownKeyMessage(name, ConfigScope.Search));

    /// <summary>
    /// Reads a mapping: nested mappings are groups (<c>ga: {generations: 10}</c> is <c>ga.generations</c>), scalars are
    /// keys under their dotted name or a flat alias. <paramref name="seen"/> maps canonical names to the name given first.
    /// </summary>
    private static PhasedConfig ReadMapping(PhasedConfig config, YamlMappingNode map, string prefix, Dictionary<string, string> seen)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            string name = prefix + ((keyNode as YamlScalarNode)?.Value ?? keyNode.ToString()).Trim();
            if (valueNode is YamlMappingNode group)
            {
                config = ReadMapping(config, group, name + ".", seen);
                continue;
            }

            ConfigKey key = FindKey(name) ?? throw UnknownKey(name);
            if (!seen.TryAdd(key.Name, name))
            {
                throw new ConfigException($"config key '{name}' is given twice (as '{seen[key.Name]}' and '{name}'; both name {key.Name})");
            }

            if (valueNode is not YamlScalarNode scalar)
            {
                throw new ConfigException($"config key '{name}': expected a single value, got a {(valueNode is YamlSequenceNode ? "list" : "mapping")}");
            }

            // A quoted 'null' is text, an unquoted one is null.
            string? text = scalar.Style is ScalarStyle.Plain && scalar.Value is "null" or "~" or "" ? null : scalar.Value;
            config = key.Set(config, text, name);
        }

        return config;
    }
}
