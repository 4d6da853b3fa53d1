namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>One trial of a run: its number, plan, val_loss (null unless complete), wall time and final state.</summary>
public sealed record ArchitecturalTrialRow(int Number, ArchitecturalTrialPlan Plan, double? ValLoss, TimeSpan Elapsed, string State);
