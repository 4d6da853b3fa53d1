namespace Wnn.Experiments.Config;

/// <summary>The key table: one entry per YAML key, in the order <see cref="ToYaml"/> writes them.</summary>
public sealed partial record PhasedSearchConfig
{
    /// <summary>Legacy names accepted for a key.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ce_percentile"] = "fitness_percentile",
        ["seed"] = "rotation_seed",
    };

    /// <summary>Every configuration key.</summary>
    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        Int("context_size", c => c.ContextSize, (c, v) => c with { ContextSize = v }),
        Int("token_parts", c => c.TokenParts, (c, v) => c with { TokenParts = v }),
        Text("rotation", c => c.Rotation, (c, v) => c with { Rotation = v! }, false, "phase", "iteration"),
        Int("ga_generations", c => c.GaGenerations, (c, v) => c with { GaGenerations = v }, affectsResults: false),
        Int("population_size", c => c.PopulationSize, (c, v) => c with { PopulationSize = v }),
        Int("ts_iterations", c => c.TsIterations, (c, v) => c with { TsIterations = v }, affectsResults: false),
        Int("neighbors_per_iter", c => c.NeighborsPerIter, (c, v) => c with { NeighborsPerIter = v }),
        Num("ts_source_fraction", c => c.TsSourceFraction, (c, v) => c with { TsSourceFraction = v }),
        Int("tabu_tenure", c => c.TabuTenure, (c, v) => c with { TabuTenure = v }),
        IntOrNull("patience", c => c.Patience, (c, v) => c with { Patience = v }, affectsResults: false),
        Int("pass", c => c.Pass, (c, v) => c with { Pass = v }),
        Int("check_interval", c => c.CheckInterval, (c, v) => c with { CheckInterval = v }, affectsResults: false),
        Num("ga_min_improvement_pct", c => c.GaMinImprovementPct, (c, v) => c with { GaMinImprovementPct = v }, affectsResults: false),
        Num("ts_min_improvement_pct", c => c.TsMinImprovementPct, (c, v) => c with { TsMinImprovementPct = v }, affectsResults: false),
        Int("default_bits", c => c.DefaultBits, (c, v) => c with { DefaultBits = v }),
        Int("default_neurons", c => c.DefaultNeurons, (c, v) => c with { DefaultNeurons = v }),
        Text("tier_config", c => c.TierConfig, (c, v) => c with { TierConfig = v }, true),
        Text("phase_order", c => c.PhaseOrder, (c, v) => c with { PhaseOrder = v! }, false, "neurons_first", "bits_first"),
        Bool("optimize_tier0_only", c => c.OptimizeTier0Only, (c, v) => c with { OptimizeTier0Only = v }),
        Text("fitness", c => c.Fitness, (c, v) => c with { Fitness = v! }, false, "ce", "harmonic_rank", "normalized", "normalized_harmonic"),
        Num("fitness_weight_ce", c => c.FitnessWeightCe, (c, v) => c with { FitnessWeightCe = v }),
        Num("fitness_weight_acc", c => c.FitnessWeightAcc, (c, v) => c with { FitnessWeightAcc = v }),
        NumOrNull("fitness_percentile", c => c.FitnessPercentile, (c, v) => c with { FitnessPercentile = v }),
        NumOrNull("min_accuracy_floor", c => c.MinAccuracyFloor, (c, v) => c with { MinAccuracyFloor = v }),
        Num("threshold_start", c => c.ThresholdStart, (c, v) => c with { ThresholdStart = v }),
        Num("threshold_delta", c => c.ThresholdDelta, (c, v) => c with { ThresholdDelta = v }),
        Int("threshold_reference", c => c.ThresholdReference, (c, v) => c with { ThresholdReference = v }),
        new ConfigKey("rotation_seed", ConfigValueKind.UnsignedInteger, true, c => c.RotationSeed, (c, v) => c with { RotationSeed = (ulong?)v }),
        Int("train_tokens", c => c.TrainTokens, (c, v) => c with { TrainTokens = v }),
        Int("eval_tokens", c => c.EvalTokens, (c, v) => c with { EvalTokens = v }),
        Num("empty_value", c => c.EmptyValue, (c, v) => c with { EmptyValue = v }),
        Int("negatives", c => c.Negatives, (c, v) => c with { Negatives = v }),
        Int("negative_pool", c => c.NegativePool, (c, v) => c with { NegativePool = v }),
        Num("score_scale", c => c.ScoreScale, (c, v) => c with { ScoreScale = v }),
        Num("mutation_rate", c => c.MutationRate, (c, v) => c with { MutationRate = v }),
        Num("crossover_rate", c => c.CrossoverRate, (c, v) => c with { CrossoverRate = v }),
        Text("crossover", c => c.Crossover, (c, v) => c with { Crossover = v! }, false, "single_point", "uniform"),
        Int("tournament_size", c => c.TournamentSize, (c, v) => c with { TournamentSize = v }),
        Num("elite_fraction", c => c.EliteFraction, (c, v) => c with { EliteFraction = v }),
        Int("min_bits", c => c.MinBits, (c, v) => c with { MinBits = v }),
        Int("max_bits", c => c.MaxBits, (c, v) => c with { MaxBits = v }),
        Int("min_neurons", c => c.MinNeurons, (c, v) => c with { MinNeurons = v }),
        Int("max_neurons", c => c.MaxNeurons, (c, v) => c with { MaxNeurons = v }),
        Num("full_eval_fraction", c => c.FullEvalFraction, (c, v) => c with { FullEvalFraction = v }),
        Bool("adaptive_pressure", c => c.AdaptivePressure, (c, v) => c with { AdaptivePressure = v }),
        Int("checkpoint_interval", c => c.CheckpointInterval, (c, v) => c with { CheckpointInterval = v }, affectsResults: false),
    ];

    /// <summary>The key named <paramref name="name"/> (or one of its aliases), or null.</summary>
    public static ConfigKey? FindKey(string name)
    {
        string canonical = Aliases.TryGetValue(name, out string? target) ? target : name;
        foreach (ConfigKey key in Keys)
        {
            if (key.Name == canonical)
            {
                return key;
            }
        }

        return null;
    }

    private static ConfigKey Int(
        string name, Func<PhasedSearchConfig, int> get, Func<PhasedSearchConfig, int, PhasedSearchConfig> set, bool affectsResults = true) =>
        new(name, ConfigValueKind.Integer, false, c => get(c), (c, v) => set(c, (int)v!), affectsResults: affectsResults);

    private static ConfigKey IntOrNull(
        string name, Func<PhasedSearchConfig, int?> get, Func<PhasedSearchConfig, int?, PhasedSearchConfig> set, bool affectsResults = true) =>
        new(name, ConfigValueKind.Integer, true, c => get(c), (c, v) => set(c, (int?)v), affectsResults: affectsResults);

    private static ConfigKey Num(
        string name, Func<PhasedSearchConfig, double> get, Func<PhasedSearchConfig, double, PhasedSearchConfig> set, bool affectsResults = true) =>
        new(name, ConfigValueKind.Number, false, c => get(c), (c, v) => set(c, (double)v!), affectsResults: affectsResults);

    private static ConfigKey NumOrNull(string name, Func<PhasedSearchConfig, double?> get, Func<PhasedSearchConfig, double?, PhasedSearchConfig> set) =>
        new(name, ConfigValueKind.Number, true, c => get(c), (c, v) => set(c, (double?)v));

    private static ConfigKey Bool(string name, Func<PhasedSearchConfig, bool> get, Func<PhasedSearchConfig, bool, PhasedSearchConfig> set) =>
        new(name, ConfigValueKind.Boolean, false, c => get(c), (c, v) => set(c, (bool)v!));

    private static ConfigKey Text(
        string name, Func<PhasedSearchConfig, string?> get, Func<PhasedSearchConfig, string?, PhasedSearchConfig> set, bool nullable,
        params string[] allowed) =>
        new(name, ConfigValueKind.Text, nullable, c => get(c), (c, v) => set(c, (string?)v), allowed);
}
