namespace Wnn.Contracts;

/// <summary>The outcome recorded when an experiment finishes.</summary>
/// <param name="Status">Completed, failed or cancelled.</param>
/// <param name="FullDataCe">Cross-entropy (nats) of the phase's best genome on the full data; null when it did not complete.</param>
/// <param name="FullDataAccuracy">Its accuracy on the full data; null when it did not complete.</param>
/// <param name="IterationsRun">Iterations run.</param>
public sealed record ExperimentResult(ExperimentStatus Status, double? FullDataCe, double? FullDataAccuracy, int IterationsRun);
