using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wnn.Experiments.Config;

/// <summary>YAML load/save, CLI overrides and validation.</summary>
public sealed partial record PhasedSearchConfig
{
    /// <summary>Parses YAML text; missing keys keep their defaults.</summary>
    /// <exception cref="ConfigException">Unknown key, wrong type, invalid value or malformed YAML.</exception>
    public static PhasedSearchConfig FromYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"invalid YAML at line {ex.Start.Line}: {ex.Message}", ex);
        }

        PhasedSearchConfig config = Default;
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" })
        {
            return config;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new ConfigException("config must be a YAML mapping of key: value");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            string name = ((keyNode as YamlScalarNode)?.Value ?? keyNode.ToString()).Trim();
            ConfigKey key = FindKey(name) ?? throw UnknownKey(name);
            if (!seen.Add(key.Name))
            {
                throw new ConfigException($"config key '{name}' is given twice (as '{key.Name}' or an alias)");
            }

            if (valueNode is not YamlScalarNode scalar)
            {
                throw new ConfigException($"config key '{name}': expected a single value, got a {(valueNode is YamlSequenceNode ? "list" : "mapping")}");
            }

            // A quoted 'null' is text, an unquoted one is null.
            string? text = scalar.Style is ScalarStyle.Plain && scalar.Value is "null" or "~" or "" ? null : scalar.Value;
            config = key.Set(config, text);
        }

        return config.Validated();
    }

    /// <summary>Loads a YAML file.</summary>
    /// <exception cref="ConfigException">The file is missing or invalid.</exception>
    public static PhasedSearchConfig LoadYaml(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read config file '{path}': {ex.Message}", ex);
        }

        try
        {
            return FromYaml(text);
        }
        catch (ConfigException ex)
        {
            throw new ConfigException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Every key with its value, one per line, in key-table order.</summary>
    public string ToYaml()
    {
        var sb = new StringBuilder();
        sb.Append("# Wnn phased search configuration\n");
        foreach (ConfigKey key in Keys)
        {
            sb.Append(key.Name).Append(": ").Append(key.Format(this)).Append('\n');
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
    public PhasedSearchConfig WithOverrides(IReadOnlyDictionary<string, string?> explicitValues)
    {
        ArgumentNullException.ThrowIfNull(explicitValues);
        PhasedSearchConfig config = this;
        foreach (var (name, value) in explicitValues)
        {
            ConfigKey key = FindKey(name) ?? throw UnknownKey(name);
            config = key.Set(config, value);
        }

        return config.Validated();
    }

    /// <summary>Merges defaults, an optional YAML file and explicit CLI values (highest precedence).</summary>
    public static PhasedSearchConfig Merge(string? yamlPath, IReadOnlyDictionary<string, string?> explicitValues) =>
        (yamlPath is null ? Default : LoadYaml(yamlPath)).WithOverrides(explicitValues);

    /// <summary>Returns this configuration after checking every value; throws naming the first bad one.</summary>
    /// <exception cref="ConfigException">A value is out of range.</exception>
    public PhasedSearchConfig Validated()
    {
        Check(ContextSize is >= 1 and <= 64, "context_size", ContextSize, "1..64");
        Check(TokenParts >= 1, "token_parts", TokenParts, ">= 1");
        Check(GaGenerations >= 0, "ga_generations", GaGenerations, ">= 0");
        Check(PopulationSize >= 1, "population_size", PopulationSize, ">= 1");
        Check(TsIterations >= 0, "ts_iterations", TsIterations, ">= 0");
        Check(NeighborsPerIter >= 1, "neighbors_per_iter", NeighborsPerIter, ">= 1");
        Check(TsSourceFraction is > 0 and <= 1, "ts_source_fraction", TsSourceFraction, "(0, 1]");
        Check(TabuTenure >= 0, "tabu_tenure", TabuTenure, ">= 0");
        Check(Patience is null or >= 1, "patience", Patience, ">= 1 or null");
        Check(Pass >= 1, "pass", Pass, ">= 1");
        Check(CheckInterval >= 1, "check_interval", CheckInterval, ">= 1");
        Check(DefaultBits >= 1 && DefaultBits <= Wnn.Ram.Model.Genome.MaxBitsPerNeuron, "default_bits", DefaultBits, "1..30");
        Check(DefaultNeurons >= 1, "default_neurons", DefaultNeurons, ">= 1");
        Check(FitnessPercentile is null or (> 0 and <= 1), "fitness_percentile", FitnessPercentile, "(0, 1] or null");
        Check(MinAccuracyFloor is null or (>= 0 and <= 1), "min_accuracy_floor", MinAccuracyFloor, "[0, 1] or null");
        Check(FitnessWeightCe >= 0 && FitnessWeightAcc >= 0 && FitnessWeightCe + FitnessWeightAcc > 0, "fitness_weight_ce/fitness_weight_acc",
            $"{FitnessWeightCe}/{FitnessWeightAcc}", "non-negative, not both 0");
        Check(ThresholdReference >= 1, "threshold_reference", ThresholdReference, ">= 1");
        Check(TrainTokens >= 1, "train_tokens", TrainTokens, ">= 1");
        Check(EvalTokens >= 1, "eval_tokens", EvalTokens, ">= 1");
        Check(EmptyValue is >= 0 and <= 1, "empty_value", EmptyValue, "[0, 1]");
        Check(MutationRate is >= 0 and <= 1, "mutation_rate", MutationRate, "[0, 1]");
        Check(CrossoverRate is >= 0 and <= 1, "crossover_rate", CrossoverRate, "[0, 1]");
        Check(TournamentSize >= 1, "tournament_size", TournamentSize, ">= 1");
        Check(EliteFraction is >= 0 and <= 1, "elite_fraction", EliteFraction, "[0, 1]");
        Check(MinBits >= 1 && MinBits <= MaxBits && MaxBits <= Wnn.Ram.Model.Genome.MaxBitsPerNeuron, "min_bits/max_bits",
            $"{MinBits}/{MaxBits}", "1 <= min_bits <= max_bits <= 30");
        Check(MinNeurons >= 1 && MinNeurons <= MaxNeurons, "min_neurons/max_neurons", $"{MinNeurons}/{MaxNeurons}", "1 <= min_neurons <= max_neurons");
        Check(FullEvalFraction is > 0 and <= 1, "full_eval_fraction", FullEvalFraction, "(0, 1]");
        Check(CheckpointInterval >= 0, "checkpoint_interval", CheckpointInterval, ">= 0");
        try
        {
            _ = Tiers;
        }
        catch (FormatException ex)
        {
            throw new ConfigException($"config key 'tier_config': {ex.Message}", ex);
        }

        try
        {
            ModelOptions.Validate();
        }
        catch (ArgumentException ex)
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

    private static ConfigException UnknownKey(string name) =>
        new($"unknown config key '{name}'; valid keys: {string.Join(", ", Keys.Select(k => k.Name).Concat(Aliases.Keys))}");
}
