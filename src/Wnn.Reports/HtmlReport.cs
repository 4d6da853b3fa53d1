using System.Globalization;
using System.Net;
using System.Text;

namespace Wnn.Reports;

/// <summary>The report as one self-contained HTML page (inline CSS and SVG, no scripts from anywhere): every section and figure.</summary>
public static class HtmlReport
{
    /// <summary>Renders the page; the trial table lists every trial in the sort order.</summary>
    public static string Render(StudyReport report, IReadOnlyList<ReportFigure> figures, string? sort)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report: ").Append(E(report.Name)).Append("</title><style>");
        sb.Append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px;margin:8px 0}");
        sb.Append("td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}th{background:#f3f3f3}td.t{text-align:left}");
        sb.Append("figure{display:inline-block;margin:8px;vertical-align:top}section{margin-bottom:28px}.failed{color:#b00}.pruned{color:#a60}");
        sb.Append("</style></head><body>\n");
        sb.Append("<h1>Report: ").Append(E(report.Name)).Append("</h1>\n<p>");
        sb.Append(CultureInfo.InvariantCulture, $"{report.Trials.Count} trials: {E(string.Join(", ", report.StateCounts.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {ReportTable.State(kv.Key)}")))}. ");
        sb.Append("Objectives: ").Append(E(string.Join(", ", report.ObjectiveNames.Select((o, i) => $"{o} ({report.Directions[i].ToString().ToLowerInvariant()})")))).Append(".</p>\n");

        sb.Append("<section id=\"best\"><h2>").Append(report.Directions.Count == 1 ? "Best configuration" : "Pareto front").Append("</h2>");
        if (report.Best is { } best)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>Trial {best.Number}: {E(report.ObjectiveNames[0])} = {ReportFormat.Number(best.Values![0])}</p>");
            Table(sb, ["parameter", "value"], best.Params.Select(kv => new[] { kv.Key, ReportFormat.Value(kv.Value) }));
        }
        else
        {
            sb.Append("<p>").Append(report.ParetoFront.Count > 0 ? "Trials on the front: " + string.Join(", ", report.ParetoFront) : "No complete trial yet.").Append("</p>");
        }

        sb.Append("</section>\n");
        if (report.Ensemble is { } ensemble)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<section id=\"ensemble\"><h2>Ensemble (k = {ensemble.K}, from the best {ensemble.PoolSize} complete trials)</h2>");
            Table(sb, ["trial", "job", report.ObjectiveNames[0], "min distance", "params"], ensemble.Rows());
            sb.Append("</section>\n");
        }

        sb.Append("<section id=\"importance\"><h2>Parameter importance</h2>");
        if (report.ImportanceNote is { } note)
        {
            sb.Append("<p>").Append(E(note)).Append("</p>");
        }

        if (report.PedAnovaImportance.Count > 0)
        {
            Table(sb, ["parameter", "fANOVA", "PED-ANOVA"], report.PedAnovaImportance.Keys.Select(k => new[]
            {
                k, report.Importance.TryGetValue(k, out double f) ? f.ToString("0.000", CultureInfo.InvariantCulture) : "", report.PedAnovaImportance[k].ToString("0.000", CultureInfo.InvariantCulture),
            }));
        }

        sb.Append("</section>\n<section id=\"figures\"><h2>Figures</h2>");
        foreach (ReportFigure f in figures)
        {
            sb.Append("<figure id=\"fig-").Append(E(f.Id)).Append("\">").Append(f.Svg).Append("</figure>\n");
        }

        sb.Append("</section>\n<section id=\"trials\"><h2>Trials sorted by ").Append(E(sort ?? report.ObjectiveNames[0])).Append("</h2>");
        Table(sb, ReportTable.Header(report), ReportTable.Rows(report, report.SortedBy(sort), exact: false));
        sb.Append("</section>\n<section id=\"failures\"><h2>Failed and pruned trials</h2>");
        if (report.Failures.Count == 0)
        {
            sb.Append("<p>None.</p>");
        }
        else
        {
            Table(sb, ["state", "count", "reason", "trials"], report.Failures.Select(f => new[] { f.State, f.Count.ToString(CultureInfo.InvariantCulture), f.Reason, string.Join(" ", f.Trials) }));
        }

        sb.Append("</section>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>Appends an HTML table (text columns left-aligned).</summary>
    public static void Table(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(header);
        sb.Append("<table><tr>");
        foreach (string h in header)
        {
            sb.Append("<th>").Append(E(h)).Append("</th>");
        }

        sb.Append("</tr>");
        foreach (string[] row in rows)
        {
            sb.Append("<tr>");
            foreach (string c in row)
            {
                bool text = c.Length > 0 && !double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                string cls = c is "failed" or "pruned" ? $" class=\"t {c}\"" : text ? " class=\"t\"" : "";
                sb.Append("<td").Append(cls).Append('>').Append(E(c)).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</table>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
