namespace Wnn.Contracts;

/// <summary>
/// The report of a study or sweep as the dashboard draws it (computed by Wnn.Reports): parameters, the best trial or
/// Pareto front, parameter importance, the history with the best so far, and failures grouped by reason.
/// </summary>
/// <param name="Study">The study or sweep.</param>
/// <param name="Parameters">The parameters, in first-suggestion order.</param>
/// <param name="MetricNames">Metrics reported by any trial besides the objectives, sorted.</param>
/// <param name="Best">The best complete trial of a single-objective study, else null.</param>
/// <param name="ParetoFront">Trial numbers on the Pareto front of a multi-objective study (empty for one objective).</param>
/// <param name="Importance">fANOVA-style importance per parameter (sums to 1), largest first; empty when it cannot be computed.</param>
/// <param name="PedAnovaImportance">PED-ANOVA importance per parameter, largest first; empty when it cannot be computed.</param>
/// <param name="ImportanceNote">Why importance is missing, else null.</param>
/// <param name="History">Complete trials in number order with the first objective and the best so far.</param>
/// <param name="Failures">Failed and pruned trials grouped by state and reason, most frequent first.</param>
public sealed record StudyReportRecord(
    StudyRecord Study,
    IReadOnlyList<ParameterRecord> Parameters,
    IReadOnlyList<string> MetricNames,
    TrialRecord? Best,
    IReadOnlyList<int> ParetoFront,
    IReadOnlyList<NamedValue> Importance,
    IReadOnlyList<NamedValue> PedAnovaImportance,
    string? ImportanceNote,
    IReadOnlyList<HistoryPoint> History,
    IReadOnlyList<FailureGroup> Failures);
