namespace Wnn.Contracts;

/// <summary>
/// The key table: every configuration key of a phased search and of a flow, declared once (docs/configs-keys.md is
/// generated from it). The flat seed-000 names stay accepted as aliases.
/// </summary>
public static class ConfigKeys
{
    /// <summary>Seed of every random choice.</summary>
    public static readonly ConfigKeyDefinition Seed = Unsigned(
        "run.seed", 42, "Seed", "Seed of every random choice (rotation, mutation, initial connections).",
        aliases: ["seed", "rotation_seed"], flag: "--seed");

    /// <summary>Evaluation threads.</summary>
    public static readonly ConfigKeyDefinition Threads = Int(
        "run.threads", null, "Threads", "Evaluation threads (results do not depend on it).", min: 1, nullable: true,
        note: "all cores", aliases: ["threads"], flag: "--threads", resume: ResumeRule.Safe);

    /// <summary>Pass number.</summary>
    public static readonly ConfigKeyDefinition Pass = Int(
        "run.pass", 1, "Pass", "Pass number of a multi-pass run; sets the default patience 2·2^(pass−1).", min: 1, aliases: ["pass"], flag: "--pass");

    /// <summary>Flow template.</summary>
    public static readonly ConfigKeyDefinition Template = Text(
        "flow.template", "standard-6-phase", "Template",
        "Flow template: the phase list a flow starts from (docs/flows.md); search.phases, when given, replaces it.",
        allowed: [.. FlowTemplateDefinition.All.Select(t => t.Name)], aliases: ["template"], flag: "--template", scope: ConfigScope.Flow);

    /// <summary>Training corpus.</summary>
    public static readonly ConfigKeyDefinition TrainFile = Path(
        "data.train_file", "Train file", "Training corpus file, or a Brown corpus directory (split 90/10 by files when no eval file).",
        note: "the fetched Brown corpus", aliases: ["train_file"], flag: "--train-file");

    /// <summary>Evaluation corpus.</summary>
    public static readonly ConfigKeyDefinition EvalFile = Path(
        "data.eval_file", "Eval file", "Evaluation corpus file (same format as the train file).",
        note: "the last 10% of a Brown directory", aliases: ["eval_file"], flag: "--eval-file");

    /// <summary>Corpus format.</summary>
    public static readonly ConfigKeyDefinition Format = Text(
        "data.format", null, "Format", "Corpus format of the given files.", allowed: ["wikitext", "text", "brown"], nullable: true,
        note: "brown for a directory, else wikitext", aliases: ["format"], flag: "--format");

    /// <summary>Tokenizer.</summary>
    public static readonly ConfigKeyDefinition Tokenizer = Text(
        "data.tokenizer", "gpt2", "Tokenizer", "Tokenizer: GPT-2 byte-pair encoding, words or characters.", allowed: ["gpt2", "word", "char"],
        aliases: ["tokenizer"], flag: "--tokenizer");

    /// <summary>Tokenizer file.</summary>
    public static readonly ConfigKeyDefinition TokenizerFile = Path(
        "data.tokenizer_file", "Tokenizer file", "gpt2: rank file (gpt2.tiktoken or js-tiktoken's gpt2.js); word: vocabulary file, one word per line.",
        note: "the fetched ranks; a vocabulary built from the training text", aliases: ["tokenizer_file"], flag: "--tokenizer-file");

    /// <summary>Word vocabulary size.</summary>
    public static readonly ConfigKeyDefinition WordVocabulary = Int(
        "data.word_vocab", 10_000, "Word vocabulary", "Words kept by a word vocabulary built from the training text (plus <unk>).", min: 1,
        aliases: ["word_vocab"], flag: "--word-vocab");

    /// <summary>Training token cap.</summary>
    public static readonly ConfigKeyDefinition TrainTokens = Int(
        "data.train_tokens", 200_000, "Train tokens", "Keep only the first N training tokens.", min: 1, aliases: ["train_tokens"], flag: "--train-tokens");

    /// <summary>Evaluation token cap.</summary>
    public static readonly ConfigKeyDefinition EvalTokens = Int(
        "data.eval_tokens", 50_000, "Eval tokens", "Keep only the first N evaluation tokens.", min: 1, aliases: ["eval_tokens"], flag: "--eval-tokens");

    /// <summary>Data and cache folder.</summary>
    public static readonly ConfigKeyDefinition DataDirectory = Path(
        "data.dir", "Data folder", "Data and token cache folder.", note: "$WNN_DATA, else ~/.cache/wnn", aliases: ["data_dir"], flag: "--data-dir",
        resume: ResumeRule.Safe);

    /// <summary>Rotation parts.</summary>
    public static readonly ConfigKeyDefinition TokenParts = Int(
        "data.token_parts", 3, "Token parts", "Contiguous training parts used for rotation.", min: 1, aliases: ["token_parts"], flag: "--token-parts");

    /// <summary>Rotation schedule.</summary>
    public static readonly ConfigKeyDefinition Rotation = Text(
        "data.rotation", "phase", "Rotation", "When the training part rotates: per phase or per iteration.", allowed: ["phase", "iteration"],
        aliases: ["rotation"], flag: "--rotation");

    /// <summary>Context size.</summary>
    public static readonly ConfigKeyDefinition Context = Int(
        "model.context", 4, "Context", "Tokens of context per example.", min: 1, max: 64, aliases: ["context_size"], flag: "--context");

    /// <summary>Model type.</summary>
    public static readonly ConfigKeyDefinition ModelType = Text(
        "model.type", "tiered", "Model type",
        "tiered: one cluster per token (docs/ram-lm.md); bitwise: one cluster per bit of the token id (docs/bitwise.md).",
        allowed: ["tiered", "bitwise"], aliases: ["model_type"], flag: "--model");

    /// <summary>Bitwise model: neurons per bit-cluster.</summary>
    public static readonly ConfigKeyDefinition BitwiseNeurons = Int(
        "model.bitwise_neurons", 50, "Bitwise neurons", "Bitwise model: neurons of every bit-cluster in the start genome.", min: 1, max: 4096,
        aliases: ["bitwise_neurons"], flag: "--bitwise-neurons");

    /// <summary>Bitwise model: bits per neuron.</summary>
    public static readonly ConfigKeyDefinition BitwiseBits = Int(
        "model.bitwise_bits", 16, "Bitwise bits", "Bitwise model: address bits of every neuron in the start genome.", min: 1, max: 24,
        aliases: ["bitwise_bits"], flag: "--bitwise-bits");

    /// <summary>Bitwise model: cell memory mode.</summary>
    public static readonly ConfigKeyDefinition MemoryMode = Text(
        "model.memory_mode", "ternary", "Memory mode",
        "Bitwise model: ternary (TRUE/FALSE/EMPTY, TRUE wins), quad_binary or quad_weighted (four count-driven states).",
        allowed: ["ternary", "quad_binary", "quad_weighted"], aliases: ["memory_mode"], flag: "--memory-mode");

    /// <summary>Bitwise model: share of training examples each neuron sees.</summary>
    public static readonly ConfigKeyDefinition NeuronSampleRate = Num(
        "model.neuron_sample_rate", 1.0, "Neuron sample rate",
        "Bitwise model: each neuron trains on a seeded sample of this share of the training examples (1 = all).", min: 0, max: 1,
        exclusiveMin: true, aliases: ["neuron_sample_rate"], flag: "--neuron-sample-rate");

    /// <summary>Tier configuration.</summary>
    public static readonly ConfigKeyDefinition TierConfig = Text(
        "model.tier_config", "100,15,20;400,10,12;rest,5,8", "Tiers",
        "Tiers 'count,neurons,bits[,optimize];…' in token-frequency order ('rest' = remaining clusters); null = one tier of the defaults.",
        nullable: true, aliases: ["tier_config"], flag: "--tier-config");

    /// <summary>Default bits per neuron.</summary>
    public static readonly ConfigKeyDefinition DefaultBits = Int(
        "model.default_bits", 8, "Default bits", "Bits per neuron when no tier configuration is given.", min: 1, max: 30, aliases: ["default_bits"]);

    /// <summary>Default neurons per cluster.</summary>
    public static readonly ConfigKeyDefinition DefaultNeurons = Int(
        "model.default_neurons", 5, "Default neurons", "Neurons per cluster when no tier configuration is given.", min: 1, aliases: ["default_neurons"]);

    /// <summary>Score of an empty cell.</summary>
    public static readonly ConfigKeyDefinition EmptyValue = Num(
        "model.empty_value", 0.0, "Empty value", "Score of an EMPTY cell.", min: 0, max: 1, aliases: ["empty_value"], flag: "--empty-value");

    /// <summary>Negatives per example.</summary>
    public static readonly ConfigKeyDefinition Negatives = Int(
        "model.negatives", 5, "Negatives", "Negative clusters per training example.", min: 0, max: 1000, aliases: ["negatives"]);

    /// <summary>Negative pool.</summary>
    public static readonly ConfigKeyDefinition NegativePool = Int(
        "model.negative_pool", 1000, "Negative pool", "Negatives are drawn from this many most frequent tokens.", min: 1, aliases: ["negative_pool"]);

    /// <summary>Softmax temperature.</summary>
    public static readonly ConfigKeyDefinition ScoreScale = Num(
        "model.score_scale", 1.0, "Score scale",
        "Softmax temperature τ applied to scores (1 = original); auto = fitted on a held-out slice of the training tokens.", min: 0, max: 30,
        exclusiveMin: true, aliases: ["score_scale"], flag: "--score-scale") with { Words = ["auto"] };

    /// <summary>Per-cluster output bias.</summary>
    public static readonly ConfigKeyDefinition OutputBias = Text(
        "model.output_bias", "none", "Output bias", "Per-cluster bias b_c in p(c) ∝ exp(b_c + τ·s_c): none, or the training targets' add-α log prior.",
        allowed: ["none", "log_prior"], aliases: ["output_bias"], flag: "--output-bias");

    /// <summary>Smoothing of the log-prior bias.</summary>
    public static readonly ConfigKeyDefinition PriorAlpha = Num(
        "model.prior_alpha", 0.1, "Prior α", "Add-α smoothing of the log_prior bias: b_c = ln((n_c + α)/(N + α·V)).", min: 0, max: 1e6,
        exclusiveMin: true, aliases: ["prior_alpha"], flag: "--prior-alpha");

    /// <summary>Phase order.</summary>
    public static readonly ConfigKeyDefinition PhaseOrder = Text(
        "search.phase_order", "neurons_first", "Phase order", "neurons_first: 1 neurons, 2 bits, 3 connections; bits_first: 1 bits, 2 neurons.",
        allowed: ["neurons_first", "bits_first"], aliases: ["phase_order"], flag: "--phase-order");

    /// <summary>The phase list.</summary>
    public static readonly ConfigKeyDefinition Phases = Text(
        "search.phases", null, "Phases",
        "Phases in run order, separated by ';': ga_neurons, ts_neurons, ga_bits, ts_bits, ga_connections, ts_connections or grid, each with optional per-phase settings key=value (docs/flows.md).",
        nullable: true, note: "the template's phases (standard: 1a … 3b in the phase order)", flag: "--phases");

    /// <summary>Population size.</summary>
    public static readonly ConfigKeyDefinition Population = Int(
        "search.population", 50, "Population", "GA population and TS kept population.", min: 1, max: 1_000_000,
        aliases: ["population_size", "population"], flag: "--population");

    /// <summary>Early-stopping patience.</summary>
    public static readonly ConfigKeyDefinition Patience = Int(
        "search.patience", null, "Patience", "Early-stopping checks without enough improvement before a phase stops.", min: 1, max: 1_000_000,
        nullable: true, note: "2·2^(pass−1)", aliases: ["patience"], flag: "--patience", resume: ResumeRule.Budget) with { PerPhase = true };

    /// <summary>Check interval.</summary>
    public static readonly ConfigKeyDefinition CheckInterval = Int(
        "search.check_interval", 10, "Check interval", "Iterations between early-stopping checks.", min: 1, aliases: ["check_interval"], resume: ResumeRule.Budget) with { PerPhase = true };

    /// <summary>Only tier 0 mutates.</summary>
    public static readonly ConfigKeyDefinition OptimizeTier0Only = Bool(
        "search.optimize_tier0_only", false, "Tier 0 only", "Only tier-0 clusters may mutate.", aliases: ["optimize_tier0_only"],
        flag: "--optimize-tier0-only");

    /// <summary>Full-data evaluation share.</summary>
    public static readonly ConfigKeyDefinition FullEvalFraction = Num(
        "search.full_eval_fraction", 0.2, "Full-eval share", "Share of the final population evaluated on full data after each phase.", min: 0, max: 1,
        exclusiveMin: true, aliases: ["full_eval_fraction"]);

    /// <summary>Mutation rate.</summary>
    public static readonly ConfigKeyDefinition MutationRate = Num(
        "mutation.rate", 0.1, "Mutation rate", "Mutation rate of the phase's dimension.", min: 0, max: 1, aliases: ["mutation_rate"]) with { PerPhase = true };

    /// <summary>Smallest bits.</summary>
    public static readonly ConfigKeyDefinition MinBits = Int(
        "mutation.min_bits", 4, "Min bits", "Smallest bits per neuron a mutation may produce.", min: 1, max: 30, aliases: ["min_bits"]);

    /// <summary>Largest bits.</summary>
    public static readonly ConfigKeyDefinition MaxBits = Int(
        "mutation.max_bits", 24, "Max bits", "Largest bits per neuron a mutation may produce.", min: 1, max: 30, aliases: ["max_bits"]);

    /// <summary>Smallest neurons.</summary>
    public static readonly ConfigKeyDefinition MinNeurons = Int(
        "mutation.min_neurons", 1, "Min neurons", "Smallest neurons per cluster a mutation may produce.", min: 1, aliases: ["min_neurons"]);

    /// <summary>Largest neurons.</summary>
    public static readonly ConfigKeyDefinition MaxNeurons = Int(
        "mutation.max_neurons", 20, "Max neurons", "Largest neurons per cluster a mutation may produce.", min: 1, aliases: ["max_neurons"]);

    /// <summary>GA generations.</summary>
    public static readonly ConfigKeyDefinition GaGenerations = Int(
        "ga.generations", 100, "GA generations", "GA generations per GA phase.", min: 0, max: 1_000_000, aliases: ["ga_generations"], flag: "--ga-gens", resume: ResumeRule.Budget) with { PerPhase = true };

    /// <summary>Crossover probability.</summary>
    public static readonly ConfigKeyDefinition CrossoverRate = Num(
        "ga.crossover_rate", 0.7, "Crossover rate", "GA crossover probability.", min: 0, max: 1, aliases: ["crossover_rate"]);

    /// <summary>Crossover kind.</summary>
    public static readonly ConfigKeyDefinition Crossover = Text(
        "ga.crossover", "single_point", "Crossover", "single_point: at a cluster boundary; uniform: per cluster.", allowed: ["single_point", "uniform"],
        aliases: ["crossover"]);

    /// <summary>Tournament size.</summary>
    public static readonly ConfigKeyDefinition TournamentSize = Int(
        "ga.tournament_size", 3, "Tournament size", "GA tournament size.", min: 1, aliases: ["tournament_size"]);

    /// <summary>Elite share.</summary>
    public static readonly ConfigKeyDefinition EliteFraction = Num(
        "ga.elite_fraction", 0.1, "Elite share", "Share of the GA population kept as elites (at least one).", min: 0, max: 1, aliases: ["elite_fraction"]);

    /// <summary>GA minimum improvement.</summary>
    public static readonly ConfigKeyDefinition GaMinImprovementPct = Num(
        "ga.min_improvement_pct", 0.05, "GA min improvement %", "Minimum GA improvement of the best CE per check, in percent.",
        aliases: ["ga_min_improvement_pct"], resume: ResumeRule.Budget) with { PerPhase = true };

    /// <summary>Adaptive pressure.</summary>
    public static readonly ConfigKeyDefinition AdaptivePressure = Bool(
        "ga.adaptive_pressure", true, "Adaptive pressure", "GA grows population and mutation rate when progress stalls.", aliases: ["adaptive_pressure"]);

    /// <summary>TS iterations.</summary>
    public static readonly ConfigKeyDefinition TsIterations = Int(
        "ts.iterations", 200, "TS iterations", "TS iterations per TS phase.", min: 0, max: 1_000_000, aliases: ["ts_iterations"], flag: "--ts-iters", resume: ResumeRule.Budget) with { PerPhase = true };

    /// <summary>TS neighbors.</summary>
    public static readonly ConfigKeyDefinition Neighbors = Int(
        "ts.neighbors", 50, "Neighbors", "TS neighbors generated per iteration.", min: 1, max: 1_000_000,
        aliases: ["neighbors_per_iter", "neighbors"], flag: "--neighbors");

    /// <summary>TS source share.</summary>
    public static readonly ConfigKeyDefinition TsSourceFraction = Num(
        "ts.source_fraction", 0.2, "Source share", "Share of the TS population used as neighbor sources.", min: 0, max: 1, exclusiveMin: true,
        aliases: ["ts_source_fraction"]);

    /// <summary>Tabu tenure.</summary>
    public static readonly ConfigKeyDefinition TabuTenure = Int(
        "ts.tabu_tenure", 10, "Tabu tenure", "Number of recent TS moves that are tabu.", min: 0, aliases: ["tabu_tenure"]);

    /// <summary>TS minimum improvement.</summary>
    public static readonly ConfigKeyDefinition TsMinImprovementPct = Num(
        "ts.min_improvement_pct", 0.5, "TS min improvement %", "Minimum TS improvement of the best CE per check, in percent.",
        aliases: ["ts_min_improvement_pct"], resume: ResumeRule.Budget) with { PerPhase = true };

    /// <summary>Fitness calculator.</summary>
    public static readonly ConfigKeyDefinition Fitness = Text(
        "fitness.kind", "ce", "Fitness", "Fitness calculator: cross-entropy, harmonic rank of CE and accuracy, or weighted normalized forms.",
        allowed: ["ce", "harmonic_rank", "normalized", "normalized_harmonic"], aliases: ["fitness"], flag: "--fitness") with { PerPhase = true };

    /// <summary>CE weight.</summary>
    public static readonly ConfigKeyDefinition FitnessWeightCe = Num(
        "fitness.weight_ce", 1.0, "Weight CE", "Weight of CE in combined fitness calculators (not both weights 0).", min: 0, aliases: ["fitness_weight_ce"]) with { PerPhase = true };

    /// <summary>Accuracy weight.</summary>
    public static readonly ConfigKeyDefinition FitnessWeightAcc = Num(
        "fitness.weight_acc", 1.0, "Weight accuracy", "Weight of accuracy in combined fitness calculators.", min: 0, aliases: ["fitness_weight_acc"]) with { PerPhase = true };

    /// <summary>Oversampling share.</summary>
    public static readonly ConfigKeyDefinition FitnessPercentile = Num(
        "fitness.percentile", null, "CE percentile", "Oversampling share p: generate ceil(n/p) candidates and keep the best n; null = off.",
        min: 0, max: 1, exclusiveMin: true, nullable: true, note: "off", aliases: ["fitness_percentile", "ce_percentile"], flag: "--ce-percentile");

    /// <summary>Accuracy floor.</summary>
    public static readonly ConfigKeyDefinition MinAccuracyFloor = Num(
        "fitness.min_accuracy_floor", null, "Accuracy floor", "Genomes with a lower accuracy get fitness +∞; null = off.", min: 0, max: 1,
        nullable: true, note: "off", aliases: ["min_accuracy_floor"]) with { PerPhase = true };

    /// <summary>Threshold start.</summary>
    public static readonly ConfigKeyDefinition ThresholdStart = Num(
        "fitness.threshold_start", 0.0, "Threshold start", "Accuracy threshold of the first phase (later phases continue from the previous one).",
        aliases: ["threshold_start"]);

    /// <summary>Threshold rise.</summary>
    public static readonly ConfigKeyDefinition ThresholdDelta = Num(
        "fitness.threshold_delta", 0.01, "Threshold rise", "Total rise of the progressive accuracy threshold.", aliases: ["threshold_delta"]) with { PerPhase = true };

    /// <summary>Threshold reference.</summary>
    public static readonly ConfigKeyDefinition ThresholdReference = Int(
        "fitness.threshold_reference", 1000, "Threshold reference", "Iterations over which the threshold rises by the threshold rise.", min: 1,
        aliases: ["threshold_reference"]) with { PerPhase = true };

    /// <summary>Grid neurons.</summary>
    public static readonly ConfigKeyDefinition GridNeurons = Text(
        "grid.neurons", "3,5,7,10", "Grid neurons", "Neurons per cluster tried by a grid phase (comma-separated, each within mutation.min_neurons..max_neurons).",
        aliases: ["grid_neurons"]) with { PerPhase = true };

    /// <summary>Grid bits.</summary>
    public static readonly ConfigKeyDefinition GridBits = Text(
        "grid.bits", "8,10,12,14", "Grid bits", "Bits per neuron tried by a grid phase (comma-separated, each within mutation.min_bits..max_bits).",
        aliases: ["grid_bits"]) with { PerPhase = true };

    /// <summary>Checkpoint interval.</summary>
    public static readonly ConfigKeyDefinition CheckpointInterval = Int(
        "checkpoint.interval", 10, "Checkpoint interval", "Iterations between mid-phase checkpoints; 0 = only at phase ends and on cancellation.",
        min: 0, aliases: ["checkpoint_interval"], flag: "--checkpoint-interval", resume: ResumeRule.Safe);

    private static ConfigKeyDefinition Int(
        string name, int? value, string label, string doc, double? min = null, double? max = null, bool nullable = false, string? note = null,
        string[]? aliases = null, string? flag = null, ResumeRule resume = ResumeRule.Identity) => new()
        {
            Name = name,
            Kind = ConfigValueKind.Integer,
            Default = value,
            Label = label,
            Doc = doc,
            Minimum = min,
            Maximum = max,
            Nullable = nullable,
            DefaultNote = note,
            Aliases = aliases ?? [],
            Flag = flag,
            Resume = resume,
        };

    private static ConfigKeyDefinition Unsigned(string name, ulong? value, string label, string doc, string[] aliases, string flag) => new()
    {
        Name = name,
        Kind = ConfigValueKind.UnsignedInteger,
        Default = value,
        Label = label,
        Doc = doc,
        Nullable = true,
        DefaultNote = "42",
        Aliases = aliases,
        Flag = flag,
    };

    private static ConfigKeyDefinition Num(
        string name, double? value, string label, string doc, double? min = null, double? max = null, bool exclusiveMin = false,
        bool nullable = false, string? note = null, string[]? aliases = null, string? flag = null, ResumeRule resume = ResumeRule.Identity) => new()
        {
            Name = name,
            Kind = ConfigValueKind.Number,
            Resume = resume,
            Default = value,
            Label = label,
            Doc = doc,
            Minimum = min,
            Maximum = max,
            ExclusiveMinimum = exclusiveMin,
            Nullable = nullable,
            DefaultNote = note,
            Aliases = aliases ?? [],
            Flag = flag,
        };

    private static ConfigKeyDefinition Bool(string name, bool value, string label, string doc, string[] aliases, string? flag = null) => new()
    {
        Name = name,
        Kind = ConfigValueKind.Boolean,
        Default = value,
        Label = label,
        Doc = doc,
        Aliases = aliases,
        Flag = flag,
    };

    private static ConfigKeyDefinition Text(
        string name, string? value, string label, string doc, string[]? allowed = null, bool nullable = false, string? note = null,
        string[]? aliases = null, string? flag = null, ConfigScope scope = ConfigScope.All) => new()
        {
            Name = name,
            Kind = ConfigValueKind.Text,
            Default = value,
            Label = label,
            Doc = doc,
            Allowed = allowed ?? [],
            Nullable = nullable,
            DefaultNote = note,
            Aliases = aliases ?? [],
            Flag = flag,
            Scope = scope,
        };

    private static ConfigKeyDefinition Path(
        string name, string label, string doc, string note, string[] aliases, string flag, ResumeRule resume = ResumeRule.Identity) => new()
        {
            Name = name,
            Kind = ConfigValueKind.Text,
            Label = label,
            Doc = doc,
            Nullable = true,
            DefaultNote = note,
            Aliases = aliases,
            Flag = flag,
            IsPath = true,
            Resume = resume,
        };
}
