using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Wnn.Reports;

/// <summary>A sweep comparison as JSON (configs with their runs, the recommendation) and as one self-contained HTML page.</summary>
public static class ComparisonWriter
{
    /// <summary>The comparison as JSON.</summary>
    public static string Json(SweepComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("sweep", comparison.Report.Name);
            w.WriteString("objective", comparison.Report.ObjectiveNames[0]);
            w.WriteString("direction", comparison.Report.Directions[0].ToString().ToLowerInvariant());
            w.WriteString("recommendation", comparison.Recommendation);
            Number(w, "p_value", comparison.PValue);
            Number(w, "welch_p_value", comparison.WelchP);
            Number(w, "p_value_holm", comparison.HolmP?[0]);
            Number(w, "welch_p_value_holm", comparison.HolmP?[1]);

            w.WriteStartArray("configs");
            foreach (ConfigSummary c in comparison.Configs)
            {
                w.WriteStartObject();
                w.WriteString("config", c.Label);
                w.WriteStartObject("values");
                foreach (var kv in c.Values)
                {
                    w.WriteString(kv.Key, kv.Value);
                }

                w.WriteEndObject();
                w.WriteNumber("runs", c.Runs);
                w.WriteNumber("mean", c.Mean);
                w.WriteNumber("std", c.Std);
                w.WriteStartArray("trials");
                foreach (int t in c.Trials)
                {
                    w.WriteNumberValue(t);
                }

                w.WriteEndArray();
                w.WriteStartArray("objective");
                foreach (double v in c.Objective)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a number, or null when there is none or it is not finite.</summary>
    internal static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>The comparison as an HTML page with inline SVG figures.</summary>
    public static string Html(SweepComparison comparison, IReadOnlyList<ReportFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(figures);
        var sb = new StringBuilder();
        string name = WebUtility.HtmlEncode(comparison.Report.Name);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Comparison: ").Append(name).Append("</title><style>");
        sb.Append("body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}td.t{text-align:left}figure{display:inline-block;margin:8px}");
        sb.Append("</style></head><body>\n<h1>Comparison: ").Append(name).Append("</h1>\n<section id=\"recommendation\"><h2>Recommendation</h2><p>")
            .Append(WebUtility.HtmlEncode(comparison.Recommendation)).Append("</p></section>\n<section id=\"configs\"><h2>Configurations</h2>");
        HtmlReport.Table(sb, ["config", "runs", "mean", "std"], comparison.Configs.Select(c => new[]
        {
            c.Label, c.Runs.ToString(CultureInfo.InvariantCulture), ReportFormat.Number(c.Mean), ReportFormat.Number(c.Std),
        }));
        sb.Append("</section>\n<section id=\"figures\"><h2>Figures</h2>");
        foreach (ReportFigure f in figures)
        {
            sb.Append("<figure id=\"fig-").Append(WebUtility.HtmlEncode(f.Id)).Append("\">").Append(f.Svg).Append("</figure>\n");
        }

        sb.Append("</section>\n</body></html>\n");
        return sb.ToString();
    }
}
