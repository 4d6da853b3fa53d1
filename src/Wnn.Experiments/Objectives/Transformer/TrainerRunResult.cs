namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>One finished trainer run: the objective value, its metrics, the wall time and the run folder.</summary>
public sealed record TrainerRunResult(double ValLoss, TrainerMetrics Metrics, TimeSpan Elapsed, string RunDirectory);
