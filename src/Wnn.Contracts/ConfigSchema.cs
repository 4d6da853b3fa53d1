namespace Wnn.Contracts;

/// <summary>The configuration schema: the keys of <see cref="ConfigKeys"/> in table order, their groups, and lookup by name or alias.</summary>
public static class ConfigSchema
{
    /// <summary>Every key, grouped, in the order YAML files and forms list them.</summary>
    public static IReadOnlyList<ConfigKeyDefinition> Keys { get; } =
    [
        ConfigKeys.Seed, ConfigKeys.Threads, ConfigKeys.Pass, ConfigKeys.Template,
        ConfigKeys.TrainFile, ConfigKeys.EvalFile, ConfigKeys.Format, ConfigKeys.Tokenizer, ConfigKeys.TokenizerFile, ConfigKeys.WordVocabulary,
        ConfigKeys.TrainTokens, ConfigKeys.EvalTokens, ConfigKeys.DataDirectory, ConfigKeys.TokenParts, ConfigKeys.Rotation,
        ConfigKeys.Context, ConfigKeys.ModelType, ConfigKeys.BitwiseNeurons, ConfigKeys.BitwiseBits, ConfigKeys.MemoryMode,
        ConfigKeys.NeuronSampleRate, ConfigKeys.TierConfig, ConfigKeys.DefaultBits, ConfigKeys.DefaultNeurons, ConfigKeys.EmptyValue, ConfigKeys.Negatives,
        ConfigKeys.NegativePool, ConfigKeys.ScoreScale, ConfigKeys.OutputBias, ConfigKeys.PriorAlpha,
        ConfigKeys.PhaseOrder, ConfigKeys.Phases, ConfigKeys.Population, ConfigKeys.Patience, ConfigKeys.CheckInterval, ConfigKeys.OptimizeTier0Only,
        ConfigKeys.FullEvalFraction,
        ConfigKeys.MutationRate, ConfigKeys.MinBits, ConfigKeys.MaxBits, ConfigKeys.MinNeurons, ConfigKeys.MaxNeurons,
        ConfigKeys.GaGenerations, ConfigKeys.CrossoverRate, ConfigKeys.Crossover, ConfigKeys.TournamentSize, ConfigKeys.EliteFraction,
        ConfigKeys.GaMinImprovementPct, ConfigKeys.AdaptivePressure,
        ConfigKeys.TsIterations, ConfigKeys.Neighbors, ConfigKeys.TsSourceFraction, ConfigKeys.TabuTenure, ConfigKeys.TsMinImprovementPct,
        ConfigKeys.Fitness, ConfigKeys.FitnessWeightCe, ConfigKeys.FitnessWeightAcc, ConfigKeys.FitnessPercentile, ConfigKeys.MinAccuracyFloor,
        ConfigKeys.ThresholdStart, ConfigKeys.ThresholdDelta, ConfigKeys.ThresholdReference,
        ConfigKeys.GridNeurons, ConfigKeys.GridBits,
        ConfigKeys.CheckpointInterval,
    ];

    /// <summary>The groups, in the order of <see cref="Keys"/>.</summary>
    public static IReadOnlyList<ConfigGroup> Groups { get; } =
    [
        new("run", "Run", "Seed, threads and pass of a run."),
        new("flow", "Flow template", "What a flow runs."),
        new("data", "Data", "Where the tokens come from and how many are used."),
        new("model", "Model", "The RAM language model: context, tiers, scoring."),
        new("search", "Search", "What every phase shares: order, population, early stopping."),
        new("mutation", "Mutation", "How far a mutation may move neurons and bits."),
        new("ga", "Genetic algorithm", "The GA phases (1a, 2a, 3a)."),
        new("ts", "Tabu search", "The tabu-search phases (1b, 2b, 3b)."),
        new("fitness", "Fitness", "How candidates are ranked, and the progressive accuracy threshold."),
        new("grid", "Grid search", "The grid phase: neurons × bits tried on every mutable cluster; the next phase is seeded in proportion to rank."),
        new("checkpoint", "Checkpoints", "When mid-phase checkpoints are written."),
    ];

    // After Keys: static initializers run in textual order.
    private static readonly Dictionary<string, ConfigKeyDefinition> ByName = Index();

    /// <summary>The key named <paramref name="name"/> (canonical dotted name or alias), or null.</summary>
    public static ConfigKeyDefinition? Find(string name) => ByName.GetValueOrDefault(name?.Trim() ?? "");

    /// <summary>The keys read in <paramref name="scope"/>.</summary>
    public static IEnumerable<ConfigKeyDefinition> In(ConfigScope scope) => Keys.Where(k => (k.Scope & scope) != 0);

    /// <summary>The message for a name that is no key: the valid keys of <paramref name="scope"/> (aliases are accepted too).</summary>
    public static string UnknownKeyMessage(string name, ConfigScope scope) =>
        $"unknown {(scope == ConfigScope.Flow ? "flow " : "")}config key '{name}'; valid keys: {string.Join(", ", In(scope).Select(k => k.Name))} (or their flat aliases: {string.Join(", ", In(scope).SelectMany(k => k.Aliases))})";

    private static Dictionary<string, ConfigKeyDefinition> Index()
    {
        var index = new Dictionary<string, ConfigKeyDefinition>(StringComparer.Ordinal);
        foreach (ConfigKeyDefinition key in Keys)
        {
            foreach (string name in key.Names)
            {
                if (!index.TryAdd(name, key))
                {
                    throw new InvalidOperationException($"config key name '{name}' is declared twice");
                }
            }
        }

        return index;
    }
}
