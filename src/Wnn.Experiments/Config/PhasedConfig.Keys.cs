namespace Wnn.Experiments.Config;

/// <summary>The schema's keys (<see cref="ConfigSchema"/>) bound to the properties, in schema order.</summary>
public sealed partial record PhasedConfig
{
    /// <summary>Every configuration key of a phased search, in the order <see cref="ToYaml"/> writes them.</summary>
    public static IReadOnlyList<ConfigKey> Keys { get; } = Bind(
    [
        B(ConfigKeys.Seed, c => c.RotationSeed, (c, v) => c with { RotationSeed = (ulong?)v }),
        B(ConfigKeys.Threads, c => c.Threads, (c, v) => c with { Threads = (int?)v }),
        B(ConfigKeys.Pass, c => c.Pass, (c, v) => c with { Pass = (int)v! }),
        B(ConfigKeys.TrainFile, c => c.TrainFile, (c, v) => c with { TrainFile = (string?)v }),
        B(ConfigKeys.EvalFile, c => c.EvalFile, (c, v) => c with { EvalFile = (string?)v }),
        B(ConfigKeys.Format, c => c.Format, (c, v) => c with { Format = (string?)v }),
        B(ConfigKeys.Tokenizer, c => c.Tokenizer, (c, v) => c with { Tokenizer = (string)v! }),
        B(ConfigKeys.TokenizerFile, c => c.TokenizerFile, (c, v) => c with { TokenizerFile = (string?)v }),
        B(ConfigKeys.WordVocabulary, c => c.WordVocabulary, (c, v) => c with { WordVocabulary = (int)v! }),
        B(ConfigKeys.TrainTokens, c => c.TrainTokens, (c, v) => c with { TrainTokens = (int)v! }),
        B(ConfigKeys.EvalTokens, c => c.EvalTokens, (c, v) => c with { EvalTokens = (int)v! }),
        B(ConfigKeys.DataDirectory, c => c.DataDirectory, (c, v) => c with { DataDirectory = (string?)v }),
        B(ConfigKeys.TokenParts, c => c.TokenParts, (c, v) => c with { TokenParts = (int)v! }),
        B(ConfigKeys.Rotation, c => c.Rotation, (c, v) => c with { Rotation = (string)v! }),
        B(ConfigKeys.Context, c => c.ContextSize, (c, v) => c with { ContextSize = (int)v! }),
        B(ConfigKeys.ModelType, c => c.ModelType, (c, v) => c with { ModelType = (string)v! }),
        B(ConfigKeys.BitwiseNeurons, c => c.BitwiseNeurons, (c, v) => c with { BitwiseNeurons = (int)v! }),
        B(ConfigKeys.BitwiseBits, c => c.BitwiseBits, (c, v) => c with { BitwiseBits = (int)v! }),
        B(ConfigKeys.MemoryMode, c => c.MemoryMode, (c, v) => c with { MemoryMode = (string)v! }),
        B(ConfigKeys.NeuronSampleRate, c => c.NeuronSampleRate, (c, v) => c with { NeuronSampleRate = (double)v! }),
        B(ConfigKeys.TierConfig, c => c.TierConfig, (c, v) => c with { TierConfig = (string?)v }),
        B(ConfigKeys.DefaultBits, c => c.DefaultBits, (c, v) => c with { DefaultBits = (int)v! }),
        B(ConfigKeys.DefaultNeurons, c => c.DefaultNeurons, (c, v) => c with { DefaultNeurons = (int)v! }),
        B(ConfigKeys.EmptyValue, c => c.EmptyValue, (c, v) => c with { EmptyValue = (double)v! }),
        B(ConfigKeys.Negatives, c => c.Negatives, (c, v) => c with { Negatives = (int)v! }),
        B(ConfigKeys.NegativePool, c => c.NegativePool, (c, v) => c with { NegativePool = (int)v! }),
        B(ConfigKeys.ScoreScale, c => c.ScoreScaleAuto ? "auto" : c.ScoreScale,
            (c, v) => v is string ? c with { ScoreScaleAuto = true } : c with { ScoreScale = (double)v!, ScoreScaleAuto = false }),
        B(ConfigKeys.OutputBias, c => c.OutputBias, (c, v) => c with { OutputBias = (string)v! }),
        B(ConfigKeys.PriorAlpha, c => c.PriorAlpha, (c, v) => c with { PriorAlpha = (double)v! }),
        B(ConfigKeys.PhaseOrder, c => c.PhaseOrder, (c, v) => c with { PhaseOrder = (string)v! }),
        B(ConfigKeys.Phases, c => c.Phases, (c, v) => c with { Phases = (string?)v }),
        B(ConfigKeys.Population, c => c.PopulationSize, (c, v) => c with { PopulationSize = (int)v! }),
        B(ConfigKeys.Patience, c => c.Patience, (c, v) => c with { Patience = (int?)v }),
        B(ConfigKeys.CheckInterval, c => c.CheckInterval, (c, v) => c with { CheckInterval = (int)v! }),
        B(ConfigKeys.OptimizeTier0Only, c => c.OptimizeTier0Only, (c, v) => c with { OptimizeTier0Only = (bool)v! }),
        B(ConfigKeys.FullEvalFraction, c => c.FullEvalFraction, (c, v) => c with { FullEvalFraction = (double)v! }),
        B(ConfigKeys.MutationRate, c => c.MutationRate, (c, v) => c with { MutationRate = (double)v! }),
        B(ConfigKeys.MinBits, c => c.MinBits, (c, v) => c with { MinBits = (int)v! }),
        B(ConfigKeys.MaxBits, c => c.MaxBits, (c, v) => c with { MaxBits = (int)v! }),
        B(ConfigKeys.MinNeurons, c => c.MinNeurons, (c, v) => c with { MinNeurons = (int)v! }),
        B(ConfigKeys.MaxNeurons, c => c.MaxNeurons, (c, v) => c with { MaxNeurons = (int)v! }),
        B(ConfigKeys.GaGenerations, c => c.GaGenerations, (c, v) => c with { GaGenerations = (int)v! }),
        B(ConfigKeys.CrossoverRate, c => c.CrossoverRate, (c, v) => c with { CrossoverRate = (double)v! }),
        B(ConfigKeys.Crossover, c => c.Crossover, (c, v) => c with { Crossover = (string)v! }),
        B(ConfigKeys.TournamentSize, c => c.TournamentSize, (c, v) => c with { TournamentSize = (int)v! }),
        B(ConfigKeys.EliteFraction, c => c.EliteFraction, (c, v) => c with { EliteFraction = (double)v! }),
        B(ConfigKeys.GaMinImprovementPct, c => c.GaMinImprovementPct, (c, v) => c with { GaMinImprovementPct = (double)v! }),
        B(ConfigKeys.AdaptivePressure, c => c.AdaptivePressure, (c, v) => c with { AdaptivePressure = (bool)v! }),
        B(ConfigKeys.TsIterations, c => c.TsIterations, (c, v) => c with { TsIterations = (int)v! }),
        B(ConfigKeys.Neighbors, c => c.NeighborsPerIter, (c, v) => c with { NeighborsPerIter = (int)v! }),
        B(ConfigKeys.TsSourceFraction, c => c.TsSourceFraction, (c, v) => c with { TsSourceFraction = (double)v! }),
        B(ConfigKeys.TabuTenure, c => c.TabuTenure, (c, v) => c with { TabuTenure = (int)v! }),
        B(ConfigKeys.TsMinImprovementPct, c => c.TsMinImprovementPct, (c, v) => c with { TsMinImprovementPct = (double)v! }),
        B(ConfigKeys.Fitness, c => c.Fitness, (c, v) => c with { Fitness = (string)v! }),
        B(ConfigKeys.FitnessWeightCe, c => c.FitnessWeightCe, (c, v) => c with { FitnessWeightCe = (double)v! }),
        B(ConfigKeys.FitnessWeightAcc, c => c.FitnessWeightAcc, (c, v) => c with { FitnessWeightAcc = (double)v! }),
        B(ConfigKeys.FitnessPercentile, c => c.FitnessPercentile, (c, v) => c with { FitnessPercentile = (double?)v }),
        B(ConfigKeys.MinAccuracyFloor, c => c.MinAccuracyFloor, (c, v) => c with { MinAccuracyFloor = (double?)v }),
        B(ConfigKeys.ThresholdStart, c => c.ThresholdStart, (c, v) => c with { ThresholdStart = (double)v! }),
        B(ConfigKeys.ThresholdDelta, c => c.ThresholdDelta, (c, v) => c with { ThresholdDelta = (double)v! }),
        B(ConfigKeys.ThresholdReference, c => c.ThresholdReference, (c, v) => c with { ThresholdReference = (int)v! }),
        B(ConfigKeys.GridNeurons, c => c.GridNeurons, (c, v) => c with { GridNeurons = (string)v! }),
        B(ConfigKeys.GridBits, c => c.GridBits, (c, v) => c with { GridBits = (string)v! }),
        B(ConfigKeys.CheckpointInterval, c => c.CheckpointInterval, (c, v) => c with { CheckpointInterval = (int)v! }),
    ]);

    /// <summary>The key named <paramref name="name"/> (dotted name or alias), or null (also for keys of flows only, such as <c>flow.template</c>).</summary>
    public static ConfigKey? FindKey(string name) =>
        ConfigSchema.Find(name) is { } definition ? Keys.FirstOrDefault(k => ReferenceEquals(k.Definition, definition)) : null;

    private static ConfigKey B(ConfigKeyDefinition definition, Func<PhasedConfig, object?> get, Func<PhasedConfig, object?, PhasedConfig> set) =>
        new(definition, get, set);

    /// <summary>Checks that every search key of the schema is bound exactly once, and orders the bindings as the schema does.</summary>
    private static ConfigKey[] Bind(ConfigKey[] bound)
    {
        ConfigKeyDefinition[] expected = [.. ConfigSchema.In(ConfigScope.Search)];
        if (bound.Length != expected.Length || expected.Any(d => bound.Count(k => ReferenceEquals(k.Definition, d)) != 1))
        {
            throw new InvalidOperationException("PhasedConfig.Keys must bind every search key of ConfigSchema exactly once");
        }

        return [.. expected.Select(d => bound.First(k => ReferenceEquals(k.Definition, d)))];
    }

    private static T D<T>(ConfigKeyDefinition key) => (T)key.Default!;
}
