namespace Wnn.Contracts;

/// <summary>The outcome recorded when an experiment finishes.</summary>
/// <param name="Status">Completed, failed or cancelled.</param>
/// <param name="BestFitness">Best cross-entropy reached.</param>
/// <param name="BestAccuracy">Best accuracy reached.</param>
/// <param name="IterationsRun">Iterations run.</param>
public sealed record ExperimentResult(ExperimentStatus Status, double? BestFitness, double? BestAccuracy, int IterationsRun);
