namespace Wnn.Contracts;

/// <summary>A sweep or a study as the dashboard lists it: what it optimizes, how far it is, and its best value.</summary>
/// <param name="Kind">"sweep" (a sweep directory with its study) or "study" (a study in the server's study storage).</param>
/// <param name="Id">The URL id: a sweep's directory name, a study's numeric id.</param>
/// <param name="Name">The study name (a sweep's id).</param>
/// <param name="Directions">"minimize" or "maximize", one per objective.</param>
/// <param name="ObjectiveNames">The objective names (a sweep's target metric, else value / value_0 …).</param>
/// <param name="TrialCount">Trials recorded (retries of a sweep job are trials of their own).</param>
/// <param name="StateCounts">Trials per state: waiting, running, complete, pruned, failed (every state listed).</param>
/// <param name="Jobs">A sweep's planned job count, else null.</param>
/// <param name="BestValue">The best first-objective value of a complete trial, else null.</param>
/// <param name="BestTrial">The number of that trial, else null.</param>
/// <param name="Created">When the sweep was created (its sweep.yaml) or the study's first trial started, when known.</param>
/// <param name="SweepKind">A sweep's kind: "grid" (a fixed job list) or "study" (a sampler proposes each job), else null.</param>
/// <param name="Sampler">A study sweep's sampler, else null.</param>
/// <param name="Directory">A sweep's directory on the server's machine, else null.</param>
/// <param name="Error">Why the sweep's storage could not be read (the other fields are then partial), else null.</param>
public sealed record StudyRecord(
    string Kind,
    string Id,
    string Name,
    IReadOnlyList<string> Directions,
    IReadOnlyList<string> ObjectiveNames,
    int TrialCount,
    IReadOnlyDictionary<string, int> StateCounts,
    int? Jobs,
    double? BestValue,
    int? BestTrial,
    DateTimeOffset? Created,
    string? SweepKind,
    string? Sampler,
    string? Directory,
    string? Error);
