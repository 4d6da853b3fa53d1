namespace Wnn.Contracts;

/// <summary>What is needed to register a checkpoint; the file must already be completely written.</summary>
/// <param name="Name">Human-readable name.</param>
/// <param name="FilePath">Path of the existing file; stored as an absolute path.</param>
/// <param name="ExperimentId">Producing experiment, or null for an imported file.</param>
/// <param name="FinalFitness">Cross-entropy.</param>
/// <param name="FinalAccuracy">Accuracy.</param>
/// <param name="IterationsRun">Iterations run when written.</param>
/// <param name="GenomeStatsJson">Genome statistics JSON.</param>
/// <param name="IsFinal">True for the final checkpoint of an experiment.</param>
public sealed record NewCheckpoint(
    string Name,
    string FilePath,
    long? ExperimentId = null,
    double? FinalFitness = null,
    double? FinalAccuracy = null,
    int? IterationsRun = null,
    string? GenomeStatsJson = null,
    bool IsFinal = false);
