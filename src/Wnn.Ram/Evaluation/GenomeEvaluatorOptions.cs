using Wnn.Ram.Evaluation.Fast;

namespace Wnn.Ram.Evaluation;

/// <summary>Options of <see cref="GenomeEvaluator"/>.</summary>
public sealed record GenomeEvaluatorOptions
{
    /// <summary>Threads used per evaluation (default: all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Keep per-example results of evaluated genomes (about 65 bytes per eval example) for incremental evaluation.</summary>
    public bool KeepStates { get; init; } = true;

    /// <summary>Above this many changed clusters a derived genome is evaluated in full.</summary>
    public int MaxIncrementalClusters { get; init; } = 64;

    /// <summary>Forces how neurons find their hits (tests compare all modes); default: chosen by cost.</summary>
    internal NeuronMatchMode Mode { get; init; }

    /// <summary>Cost of one direct lookup relative to one 4,096-example bit-plane AND (tuned with `wnn bench eval`).</summary>
    internal double DirectCostPerExample { get; init; } = 0.1;

    /// <summary>Trained clusters scored position by position before level counting takes over (tests use 0).</summary>
    internal int LevelsFrom { get; init; } = 100;
}
