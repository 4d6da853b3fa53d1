namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>What one trial of the architectural objective trains: the architecture at arch_idx and the training parameters.</summary>
public sealed record ArchitecturalTrialPlan(int ArchIdx, SizedArchitecture Architecture, IReadOnlyDictionary<string, object?> Training);
