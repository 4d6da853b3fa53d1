namespace Wnn.Reports;

/// <summary>Trials that failed or were pruned, grouped by reason (the reason text with numbers kept).</summary>
public sealed record FailureSummary(string State, string Reason, int Count, IReadOnlyList<int> Trials);
