using System.Globalization;
using System.Text;

namespace Wnn.Reports;

/// <summary>The report as plain text for a terminal, or as Markdown: summary, best, importance, top trials, failures.</summary>
public static class TextReport
{
    /// <summary>Renders the report; the trial table shows the first <paramref name="top"/> trials in the sort order.</summary>
    public static string Render(StudyReport report, string? sort, bool markdown, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(report);
        IReadOnlyList<ReportTrial> sorted = report.SortedBy(sort);
        var sb = new StringBuilder();
        void Heading(string text) => sb.Append(markdown ? "\n## " + text + "\n\n" : "\n" + text + "\n" + new string('-', text.Length) + "\n");
        sb.Append(markdown ? "# Report: " + report.Name + "\n\n" : "Report: " + report.Name + "\n");
        sb.Append(CultureInfo.InvariantCulture, $"{(markdown ? "- " : "")}trials: {report.Trials.Count} ({string.Join(", ", report.StateCounts.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {ReportTable.State(kv.Key)}"))})\n");
        sb.Append(CultureInfo.InvariantCulture, $"{(markdown ? "- " : "")}objectives: {string.Join(", ", report.ObjectiveNames.Select((o, i) => $"{o} ({report.Directions[i].ToString().ToLowerInvariant()})"))}\n");
        Heading(report.Directions.Count == 1 ? "Best configuration" : "Pareto front");
        if (report.Best is { } best)
        {
            sb.Append(CultureInfo.InvariantCulture, $"trial {best.Number}: {report.ObjectiveNames[0]} = {ReportFormat.Number(best.Values![0])}\n");
            Table(sb, ["parameter", "value"], best.Params.Select(kv => new[] { kv.Key, ReportFormat.Value(kv.Value) }), markdown);
        }
        else if (report.ParetoFront.Count > 0)
        {
            sb.Append("trials on the front: " + string.Join(", ", report.ParetoFront) + "\n");
            Table(sb, ["trial", .. report.ObjectiveNames, "params"], report.Trials.Where(t => report.ParetoFront.Contains(t.Number) && t.Values is not null).OrderBy(t => t.Values![0])
                .Select(t => (string[])[t.Number.ToString(CultureInfo.InvariantCulture), .. t.Values!.Select(ReportFormat.Number), string.Join(" ", t.Params.Select(kv => kv.Key + "=" + ReportFormat.Value(kv.Value)))]), markdown);
        }
        else
        {
            sb.Append("no complete trial yet\n");
        }

        if (report.Ensemble is { } ensemble)
        {
            Heading($"Ensemble (k = {ensemble.K}, from the best {ensemble.PoolSize} complete trials)");
            Table(sb, ["trial", "job", report.ObjectiveNames[0], "min distance", "params"], ensemble.Rows(), markdown);
        }

        Heading("Parameter importance");
        if (report.ImportanceNote is { } note)
        {
            sb.Append(note + "\n");
        }

        if (report.PedAnovaImportance.Count > 0)
        {
            Table(sb, ["parameter", "fANOVA", "PED-ANOVA"], report.PedAnovaImportance.Keys.OrderByDescending(k => report.Importance.GetValueOrDefault(k, report.PedAnovaImportance[k]))
                .Select(k => new[] { k, report.Importance.TryGetValue(k, out double f) ? f.ToString("0.000", CultureInfo.InvariantCulture) : "", report.PedAnovaImportance[k].ToString("0.000", CultureInfo.InvariantCulture) }), markdown);
        }

        if (report.Correlation is { } c)
        {
            Heading($"Spearman rank correlation (n = {c.Samples})");
            Table(sb, ["", .. c.Names], c.Names.Select((n, i) => new[] { n }.Concat(c.Rho[i].Select(v => v.ToString("0.00", CultureInfo.InvariantCulture))).ToArray()), markdown);
        }

        Heading($"Trials sorted by {sort ?? report.ObjectiveNames[0]} (first {Math.Min(top, sorted.Count)} of {sorted.Count})");
        Table(sb, ReportTable.Header(report), ReportTable.Rows(report, sorted.Take(top), exact: false), markdown);
        Heading("Failed and pruned trials");
        if (report.Failures.Count == 0)
        {
            sb.Append("none\n");
        }
        else
        {
            Table(sb, ["state", "count", "reason", "trials"], report.Failures.Select(f => new[]
            {
                f.State, f.Count.ToString(CultureInfo.InvariantCulture), f.Reason, string.Join(" ", f.Trials.Take(12)) + (f.Trials.Count > 12 ? " …" : ""),
            }), markdown);
        }

        return sb.ToString();
    }

    /// <summary>Appends an aligned text table or a Markdown table.</summary>
    public static void Table(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<string[]> rows, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(header);
        List<string[]> all = [[.. header], .. rows];
        if (markdown)
        {
            foreach ((string[] row, int i) in all.Select((r, i) => (r, i)))
            {
                sb.Append("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" "))) + " |\n");
                if (i == 0)
                {
                    sb.Append("|" + string.Concat(row.Select(_ => "---|")) + "\n");
                }
            }

            sb.Append('\n');
            return;
        }

        int[] widths = [.. Enumerable.Range(0, header.Count).Select(j => all.Max(r => j < r.Length ? Math.Min(r[j].Length, 60) : 0))];
        foreach (string[] row in all)
        {
            sb.Append(string.Join("  ", row.Select((c, j) => (c.Length > 60 ? c[..59] + "…" : c).PadRight(widths[j]))).TrimEnd() + "\n");
        }
    }
}
