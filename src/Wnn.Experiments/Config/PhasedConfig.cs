using Wnn.Ram.Model;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Config;

/// <summary>
/// Every setting of a phased search (docs/phased-search.md) and of the data it reads. Each property is a key of the
/// schema (<see cref="ConfigKeys"/>: name, default, range, documentation); <see cref="Keys"/> binds them.
/// </summary>
public sealed partial record PhasedConfig
{
    /// <summary>The built-in defaults.</summary>
    public static PhasedConfig Default { get; } = new();

    /// <summary>Tokens of context per example.</summary>
    public int ContextSize { get; init; } = D<int>(ConfigKeys.Context);

    /// <summary>Contiguous training parts used for rotation.</summary>
    public int TokenParts { get; init; } = D<int>(ConfigKeys.TokenParts);

    /// <summary>When the training part rotates: "phase" or "iteration".</summary>
    public string Rotation { get; init; } = D<string>(ConfigKeys.Rotation);

    /// <summary>GA generations per GA phase.</summary>
    public int GaGenerations { get; init; } = D<int>(ConfigKeys.GaGenerations);

    /// <summary>GA population and TS kept population.</summary>
    public int PopulationSize { get; init; } = D<int>(ConfigKeys.Population);

    /// <summary>TS iterations per TS phase.</summary>
    public int TsIterations { get; init; } = D<int>(ConfigKeys.TsIterations);

    /// <summary>TS neighbors generated per iteration.</summary>
    public int NeighborsPerIter { get; init; } = D<int>(ConfigKeys.Neighbors);

    /// <summary>Share of the TS population used as neighbor sources.</summary>
    public double TsSourceFraction { get; init; } = D<double>(ConfigKeys.TsSourceFraction);

    /// <summary>Number of recent TS moves that are tabu.</summary>
    public int TabuTenure { get; init; } = D<int>(ConfigKeys.TabuTenure);

    /// <summary>Early-stopping patience; null means 2·2^(pass−1).</summary>
    public int? Patience { get; init; } = D<int?>(ConfigKeys.Patience);

    /// <summary>Pass number of a multi-pass run; sets the default patience.</summary>
    public int Pass { get; init; } = D<int>(ConfigKeys.Pass);

    /// <summary>Iterations between early-stopping checks.</summary>
    public int CheckInterval { get; init; } = D<int>(ConfigKeys.CheckInterval);

    /// <summary>Minimum GA improvement of the best CE per check, in percent.</summary>
    public double GaMinImprovementPct { get; init; } = D<double>(ConfigKeys.GaMinImprovementPct);

    /// <summary>Minimum TS improvement of the best CE per check, in percent.</summary>
    public double TsMinImprovementPct { get; init; } = D<double>(ConfigKeys.TsMinImprovementPct);

    /// <summary>Bits per neuron when no tier configuration is given.</summary>
    public int DefaultBits { get; init; } = D<int>(ConfigKeys.DefaultBits);

    /// <summary>Neurons per cluster when no tier configuration is given.</summary>
    public int DefaultNeurons { get; init; } = D<int>(ConfigKeys.DefaultNeurons);

    /// <summary>Tier string "count,neurons,bits[,optimize];…"; null = one tier of the defaults.</summary>
    public string? TierConfig { get; init; } = D<string?>(ConfigKeys.TierConfig);

    /// <summary>"neurons_first" or "bits_first".</summary>
    public string PhaseOrder { get; init; } = D<string>(ConfigKeys.PhaseOrder);

    /// <summary>The phase list (<see cref="Phased.PhasePlan"/> grammar); null = the six phases of <see cref="PhaseOrder"/>.</summary>
    public string? Phases { get; init; }

    /// <summary>Neurons per cluster tried by a grid phase, comma-separated.</summary>
    public string GridNeurons { get; init; } = D<string>(ConfigKeys.GridNeurons);

    /// <summary>Bits per neuron tried by a grid phase, comma-separated.</summary>
    public string GridBits { get; init; } = D<string>(ConfigKeys.GridBits);

    /// <summary>Only tier 0 clusters may mutate.</summary>
    public bool OptimizeTier0Only { get; init; } = D<bool>(ConfigKeys.OptimizeTier0Only);

    /// <summary>Fitness calculator: ce, harmonic_rank, normalized or normalized_harmonic.</summary>
    public string Fitness { get; init; } = D<string>(ConfigKeys.Fitness);

    /// <summary>Weight of CE in combined fitness calculators.</summary>
    public double FitnessWeightCe { get; init; } = D<double>(ConfigKeys.FitnessWeightCe);

    /// <summary>Weight of accuracy in combined fitness calculators.</summary>
    public double FitnessWeightAcc { get; init; } = D<double>(ConfigKeys.FitnessWeightAcc);

    /// <summary>Oversampling share p in (0, 1]: generate ceil(n/p) candidates and keep the best n; null = off. YAML alias ce_percentile.</summary>
    public double? FitnessPercentile { get; init; } = D<double?>(ConfigKeys.FitnessPercentile);

    /// <summary>Genomes with a lower accuracy get fitness +∞; null = off.</summary>
    public double? MinAccuracyFloor { get; init; } = D<double?>(ConfigKeys.MinAccuracyFloor);

    /// <summary>Accuracy threshold of the first phase (later phases start at the previous phase's final threshold; default 0).</summary>
    public double ThresholdStart { get; init; } = D<double>(ConfigKeys.ThresholdStart);

    /// <summary>Total rise of the progressive accuracy threshold.</summary>
    public double ThresholdDelta { get; init; } = D<double>(ConfigKeys.ThresholdDelta);

    /// <summary>Iterations over which the threshold rises by <see cref="ThresholdDelta"/>.</summary>
    public int ThresholdReference { get; init; } = D<int>(ConfigKeys.ThresholdReference);

    /// <summary>The run seed when <see cref="RotationSeed"/> is null: runs are reproducible unless a random seed is asked for.</summary>
    public static ulong DefaultSeed => (ulong)ConfigKeys.Seed.Default!;

    /// <summary>Seed of every random choice (rotation, mutation, initial connections); null = <see cref="DefaultSeed"/>.</summary>
    public ulong? RotationSeed { get; init; } = D<ulong?>(ConfigKeys.Seed);

    /// <summary>Training tokens used.</summary>
    public int TrainTokens { get; init; } = D<int>(ConfigKeys.TrainTokens);

    /// <summary>Evaluation tokens used.</summary>
    public int EvalTokens { get; init; } = D<int>(ConfigKeys.EvalTokens);

    /// <summary>Model type: "tiered" or "bitwise" (docs/bitwise.md).</summary>
    public string ModelType { get; init; } = D<string>(ConfigKeys.ModelType);

    /// <summary>Bitwise model: neurons per bit-cluster of the start genome.</summary>
    public int BitwiseNeurons { get; init; } = D<int>(ConfigKeys.BitwiseNeurons);

    /// <summary>Bitwise model: bits per neuron of the start genome.</summary>
    public int BitwiseBits { get; init; } = D<int>(ConfigKeys.BitwiseBits);

    /// <summary>Bitwise model: "ternary", "quad_binary" or "quad_weighted".</summary>
    public string MemoryMode { get; init; } = D<string>(ConfigKeys.MemoryMode);

    /// <summary>Bitwise model: share of the training examples each neuron trains on.</summary>
    public double NeuronSampleRate { get; init; } = D<double>(ConfigKeys.NeuronSampleRate);

    /// <summary>Score of an EMPTY cell.</summary>
    public double EmptyValue { get; init; } = D<double>(ConfigKeys.EmptyValue);

    /// <summary>Negative clusters per training example.</summary>
    public int Negatives { get; init; } = D<int>(ConfigKeys.Negatives);

    /// <summary>Negatives are drawn from this many most frequent tokens.</summary>
    public int NegativePool { get; init; } = D<int>(ConfigKeys.NegativePool);

    /// <summary>Softmax temperature applied to scores (ignored while <see cref="ScoreScaleAuto"/>).</summary>
    public double ScoreScale { get; init; } = D<double>(ConfigKeys.ScoreScale);

    /// <summary><c>score_scale: auto</c>: τ is fitted on a held-out slice of the training tokens (<see cref="Wnn.Ram.Evaluation.ScoreScaleFit"/>).</summary>
    public bool ScoreScaleAuto { get; init; }

    /// <summary>Per-cluster output bias: "none" or "log_prior".</summary>
    public string OutputBias { get; init; } = D<string>(ConfigKeys.OutputBias);

    /// <summary>Add-α smoothing of the log-prior bias.</summary>
    public double PriorAlpha { get; init; } = D<double>(ConfigKeys.PriorAlpha);

    /// <summary>Mutation rate of the phase's dimension.</summary>
    public double MutationRate { get; init; } = D<double>(ConfigKeys.MutationRate);

    /// <summary>GA crossover probability.</summary>
    public double CrossoverRate { get; init; } = D<double>(ConfigKeys.CrossoverRate);

    /// <summary>Crossover kind: "single_point" or "uniform" (per cluster).</summary>
    public string Crossover { get; init; } = D<string>(ConfigKeys.Crossover);

    /// <summary>GA tournament size.</summary>
    public int TournamentSize { get; init; } = D<int>(ConfigKeys.TournamentSize);

    /// <summary>Share of the GA population kept as elites, at least one.</summary>
    public double EliteFraction { get; init; } = D<double>(ConfigKeys.EliteFraction);

    /// <summary>Smallest bits per neuron a mutation may produce.</summary>
    public int MinBits { get; init; } = D<int>(ConfigKeys.MinBits);

    /// <summary>Largest bits per neuron a mutation may produce.</summary>
    public int MaxBits { get; init; } = D<int>(ConfigKeys.MaxBits);

    /// <summary>Smallest neurons per cluster a mutation may produce.</summary>
    public int MinNeurons { get; init; } = D<int>(ConfigKeys.MinNeurons);

    /// <summary>Largest neurons per cluster a mutation may produce.</summary>
    public int MaxNeurons { get; init; } = D<int>(ConfigKeys.MaxNeurons);

    /// <summary>Share of the final population evaluated on full data after each phase.</summary>
    public double FullEvalFraction { get; init; } = D<double>(ConfigKeys.FullEvalFraction);

    /// <summary>GA grows population and mutation rate when progress stalls.</summary>
    public bool AdaptivePressure { get; init; } = D<bool>(ConfigKeys.AdaptivePressure);

    /// <summary>Iterations between mid-phase checkpoints; 0 = only at phase ends and on cancellation.</summary>
    public int CheckpointInterval { get; init; } = D<int>(ConfigKeys.CheckpointInterval);

    /// <summary>Training corpus file or Brown directory; null = the fetched Brown corpus.</summary>
    public string? TrainFile { get; init; } = D<string?>(ConfigKeys.TrainFile);

    /// <summary>Evaluation corpus file.</summary>
    public string? EvalFile { get; init; } = D<string?>(ConfigKeys.EvalFile);

    /// <summary>Corpus format (wikitext, text, brown); null = brown for a directory, else wikitext.</summary>
    public string? Format { get; init; } = D<string?>(ConfigKeys.Format);

    /// <summary>Tokenizer: gpt2, word or char.</summary>
    public string Tokenizer { get; init; } = D<string>(ConfigKeys.Tokenizer);

    /// <summary>Tokenizer rank or vocabulary file.</summary>
    public string? TokenizerFile { get; init; } = D<string?>(ConfigKeys.TokenizerFile);

    /// <summary>Words kept by a built word vocabulary.</summary>
    public int WordVocabulary { get; init; } = D<int>(ConfigKeys.WordVocabulary);

    /// <summary>Data and cache folder; null = $WNN_DATA, else ~/.cache/wnn.</summary>
    public string? DataDirectory { get; init; } = D<string?>(ConfigKeys.DataDirectory);

    /// <summary>Evaluation threads; null = all cores (results do not depend on it).</summary>
    public int? Threads { get; init; } = D<int?>(ConfigKeys.Threads);

    /// <summary>Effective thread count.</summary>
    public int EffectiveThreads => Threads ?? Environment.ProcessorCount;

    /// <summary>The data options these settings imply (token caps included).</summary>
    /// <exception cref="DataException">A bad format or tokenizer name.</exception>
    public DataOptions Data => new()
    {
        TrainFile = TrainFile,
        EvalFile = EvalFile,
        Format = Format is null ? null : CorpusReader.ParseFormat(Format),
        Tokenizer = DataOptions.ParseTokenizer(Tokenizer),
        TokenizerFile = TokenizerFile,
        WordVocabularySize = WordVocabulary,
        TrainTokens = TrainTokens,
        EvalTokens = EvalTokens,
        CacheDirectory = DataDirectory,
    };

    /// <summary>The patience in effect: <see cref="Patience"/> or 2·2^(pass−1).</summary>
    public int EffectivePatience => Patience ?? (2 << Math.Clamp(Pass - 1, 0, 20));

    /// <summary>The tiers in effect.</summary>
    public TierConfig Tiers => TierConfig is { } text
        ? Wnn.Ram.Model.TierConfig.Parse(text)
        : new TierConfig([new Tier(null, DefaultNeurons, DefaultBits)]);

    /// <summary>The model options these settings imply.</summary>
    public ModelOptions ModelOptions => new()
    {
        ContextSize = ContextSize,
        EmptyValue = EmptyValue,
        Negatives = Negatives,
        NegativePool = NegativePool,
        ScoreScale = ScoreScale,
        OutputBias = OutputBiasNames.Parse(OutputBias),
        PriorAlpha = PriorAlpha,
    };
}
