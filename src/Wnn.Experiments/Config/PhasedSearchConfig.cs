using Wnn.Ram.Model;

namespace Wnn.Experiments.Config;

/// <summary>
/// Every setting of a phased search (docs/phased-search.md). Defaults are the original's; YAML keys are the
/// snake_case property names (see <see cref="Keys"/>).
/// </summary>
public sealed partial record PhasedSearchConfig
{
    /// <summary>The built-in defaults.</summary>
    public static PhasedSearchConfig Default { get; } = new();

    /// <summary>Tokens of context per example (default 4).</summary>
    public int ContextSize { get; init; } = 4;

    /// <summary>Contiguous training parts used for rotation (default 3).</summary>
    public int TokenParts { get; init; } = 3;

    /// <summary>When the training part rotates: "phase" (default) or "iteration".</summary>
    public string Rotation { get; init; } = "phase";

    /// <summary>GA generations per GA phase (default 100).</summary>
    public int GaGenerations { get; init; } = 100;

    /// <summary>GA population and TS kept population (default 50).</summary>
    public int PopulationSize { get; init; } = 50;

    /// <summary>TS iterations per TS phase (default 200).</summary>
    public int TsIterations { get; init; } = 200;

    /// <summary>TS neighbors generated per iteration (default 50).</summary>
    public int NeighborsPerIter { get; init; } = 50;

    /// <summary>Share of the TS population used as neighbor sources (default 0.2).</summary>
    public double TsSourceFraction { get; init; } = 0.2;

    /// <summary>Number of recent TS moves that are tabu (default 10).</summary>
    public int TabuTenure { get; init; } = 10;

    /// <summary>Early-stopping patience; null means 2·2^(pass−1).</summary>
    public int? Patience { get; init; }

    /// <summary>Pass number of a multi-pass run (default 1); sets the default patience.</summary>
    public int Pass { get; init; } = 1;

    /// <summary>Iterations between early-stopping checks (default 10).</summary>
    public int CheckInterval { get; init; } = 10;

    /// <summary>Minimum GA improvement of the best CE per check, in percent (default 0.05).</summary>
    public double GaMinImprovementPct { get; init; } = 0.05;

    /// <summary>Minimum TS improvement of the best CE per check, in percent (default 0.5).</summary>
    public double TsMinImprovementPct { get; init; } = 0.5;

    /// <summary>Bits per neuron when no tier configuration is given (default 8).</summary>
    public int DefaultBits { get; init; } = 8;

    /// <summary>Neurons per cluster when no tier configuration is given (default 5).</summary>
    public int DefaultNeurons { get; init; } = 5;

    /// <summary>Tier string "count,neurons,bits[,optimize];…" (default the original's three tiers); null = one tier of the defaults.</summary>
    public string? TierConfig { get; init; } = Wnn.Ram.Model.TierConfig.DefaultText;

    /// <summary>"neurons_first" (default: 1a/1b neurons, 2a/2b bits) or "bits_first".</summary>
    public string PhaseOrder { get; init; } = "neurons_first";

    /// <summary>Only tier 0 clusters may mutate (default false).</summary>
    public bool OptimizeTier0Only { get; init; }

    /// <summary>Fitness calculator: ce (default), harmonic_rank, normalized or normalized_harmonic.</summary>
    public string Fitness { get; init; } = "ce";

    /// <summary>Weight of CE in combined fitness calculators (default 1).</summary>
    public double FitnessWeightCe { get; init; } = 1.0;

    /// <summary>Weight of accuracy in combined fitness calculators (default 1).</summary>
    public double FitnessWeightAcc { get; init; } = 1.0;

    /// <summary>Oversampling share p in (0, 1]: generate ceil(n/p) candidates and keep the best n; null = off. YAML alias ce_percentile.</summary>
    public double? FitnessPercentile { get; init; }

    /// <summary>Genomes with a lower accuracy get fitness +∞; null = off.</summary>
    public double? MinAccuracyFloor { get; init; }

    /// <summary>Accuracy threshold of the first phase (later phases start at the previous phase's final threshold; default 0).</summary>
    public double ThresholdStart { get; init; }

    /// <summary>Total rise of the progressive accuracy threshold (default 0.01).</summary>
    public double ThresholdDelta { get; init; } = 0.01;

    /// <summary>Iterations over which the threshold rises by <see cref="ThresholdDelta"/> (default 1000).</summary>
    public int ThresholdReference { get; init; } = 1000;

    /// <summary>The run seed when <see cref="RotationSeed"/> is not set: runs are reproducible unless a seed is asked for.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>Seed of every random choice (rotation, mutation, initial connections); null = <see cref="DefaultSeed"/>.</summary>
    public ulong? RotationSeed { get; init; }

    /// <summary>Training tokens used (default 200,000).</summary>
    public int TrainTokens { get; init; } = 200_000;

    /// <summary>Evaluation tokens used (default 50,000).</summary>
    public int EvalTokens { get; init; } = 50_000;

    /// <summary>Score of an EMPTY cell (default 0.0).</summary>
    public double EmptyValue { get; init; }

    /// <summary>Negative clusters per training example (default 5).</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>Negatives are drawn from this many most frequent tokens (default 1,000).</summary>
    public int NegativePool { get; init; } = 1000;

    /// <summary>Softmax temperature applied to scores (default 1).</summary>
    public double ScoreScale { get; init; } = 1.0;

    /// <summary>Mutation rate of the phase's dimension (default 0.1).</summary>
    public double MutationRate { get; init; } = 0.1;

    /// <summary>GA crossover probability (default 0.7).</summary>
    public double CrossoverRate { get; init; } = 0.7;

    /// <summary>Crossover kind: "single_point" (default, at a cluster boundary) or "uniform" (per cluster).</summary>
    public string Crossover { get; init; } = "single_point";

    /// <summary>GA tournament size (default 3).</summary>
    public int TournamentSize { get; init; } = 3;

    /// <summary>Share of the GA population kept as elites, at least one (default 0.1).</summary>
    public double EliteFraction { get; init; } = 0.1;

    /// <summary>Smallest bits per neuron a mutation may produce (default 4).</summary>
    public int MinBits { get; init; } = 4;

    /// <summary>Largest bits per neuron a mutation may produce (default 24).</summary>
    public int MaxBits { get; init; } = 24;

    /// <summary>Smallest neurons per cluster a mutation may produce (default 1).</summary>
    public int MinNeurons { get; init; } = 1;

    /// <summary>Largest neurons per cluster a mutation may produce (default 20).</summary>
    public int MaxNeurons { get; init; } = 20;

    /// <summary>Share of the final population evaluated on full data after each phase (default 0.2).</summary>
    public double FullEvalFraction { get; init; } = 0.2;

    /// <summary>GA grows population and mutation rate when progress stalls (default true).</summary>
    public bool AdaptivePressure { get; init; } = true;

    /// <summary>Iterations between mid-phase checkpoints; 0 = only at phase ends and on cancellation (default 10).</summary>
    public int CheckpointInterval { get; init; } = 10;

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
    };
}
