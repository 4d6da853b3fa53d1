namespace Wnn.Experiments.Sweeps.Strategies;

/// <summary>A job a strategy adds: its fixed parameter values and the attributes that place it (round, bracket, rung, budget).</summary>
/// <param name="Params">Every swept parameter's value.</param>
/// <param name="Attributes">User attributes stored with the job (kept across retries and resumes).</param>
public sealed record PlannedJob(IReadOnlyDictionary<string, object?> Params, IReadOnlyDictionary<string, object?> Attributes);
