namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>What a run of <see cref="ArchitecturalHpoRun"/> did: the trials of this run, best_params.json (null without a complete trial), the wall time.</summary>
public sealed record ArchitecturalHpoResult(IReadOnlyList<ArchitecturalTrialRow> Trials, string? BestParamsPath, TimeSpan Elapsed);
