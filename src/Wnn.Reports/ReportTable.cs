using Wnn.Search;

namespace Wnn.Reports;

/// <summary>The trial table of a report as text cells: header and rows in the requested order (shared by every output format).</summary>
public static class ReportTable
{
    /// <summary>Header: number, state, objectives, parameters, metrics, seconds, reason.</summary>
    public static IReadOnlyList<string> Header(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [StudyReport.NumberColumn, "state", .. report.ObjectiveNames, .. report.Parameters.Select(p => p.Name), .. report.MetricNames, "seconds", "reason"];
    }

    /// <summary>The rows of the given trials; numbers in round-trip precision when <paramref name="exact"/>.</summary>
    public static IEnumerable<string[]> Rows(StudyReport report, IEnumerable<ReportTrial> trials, bool exact)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(trials);
        Func<double, string> number = exact ? v => double.IsNaN(v) ? "" : ReportFormat.Exact(v) : ReportFormat.Number;
        foreach (ReportTrial t in trials)
        {
            var row = new List<string> { t.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), State(t.State) };
            row.AddRange(report.ObjectiveNames.Select(o => number(report.ValueOf(t, o))));
            row.AddRange(report.Parameters.Select(p => !t.Params.TryGetValue(p.Name, out object? v) ? "" : v is double d ? number(d) : ReportFormat.Value(v)));
            row.AddRange(report.MetricNames.Select(m => t.Metrics.TryGetValue(m, out double v) ? number(v) : ""));
            row.Add(t.Seconds is double s ? number(Math.Round(s, 3)) : "");
            row.Add(t.Reason ?? "");
            yield return [.. row];
        }
    }

    /// <summary>A state as the tables print it (lower case).</summary>
    public static string State(TrialState state) => state.ToString().ToLowerInvariant();
}
