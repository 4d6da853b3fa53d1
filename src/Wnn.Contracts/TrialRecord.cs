namespace Wnn.Contracts;

/// <summary>One trial of a study or sweep: parameters, state, value, why it ended, where it ran and its learning curve.</summary>
/// <param name="Number">The trial number within the study.</param>
/// <param name="State">waiting, running, complete, pruned or failed.</param>
/// <param name="Values">Objective values of a complete trial, else null.</param>
/// <param name="Params">Parameter values as suggested, in suggestion order.</param>
/// <param name="Metrics">The last value of every metric the trial reported (a sweep's metrics), by name.</param>
/// <param name="Intermediate">Intermediate values (the learning curve), in step order.</param>
/// <param name="Reason">Why a failed or pruned trial ended, else null.</param>
/// <param name="RunDir">A sweep trial's run directory, else null.</param>
/// <param name="Job">A sweep trial's job number, else null.</param>
/// <param name="Attempt">A sweep trial's attempt (1 for the first run of its job), else null.</param>
/// <param name="Started">When it started running, else null.</param>
/// <param name="Completed">When it finished, else null.</param>
public sealed record TrialRecord(
    int Number,
    string State,
    IReadOnlyList<double>? Values,
    IReadOnlyList<NamedValue> Params,
    IReadOnlyList<NamedValue> Metrics,
    IReadOnlyList<StepValue> Intermediate,
    string? Reason,
    string? RunDir,
    int? Job,
    int? Attempt,
    DateTimeOffset? Started,
    DateTimeOffset? Completed);
