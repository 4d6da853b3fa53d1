using System.Text;
using System.Text.Json;

namespace Wnn.Reports;

/// <summary>The report as one JSON document (numbers in round-trip precision; NaN written as null).</summary>
public static class JsonReport
{
    /// <summary>Writes the report with its trials in the given sort order.</summary>
    public static string Write(StudyReport report, string? sort = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("name", report.Name);
            w.WriteStartArray("directions");
            foreach (var d in report.Directions)
            {
                w.WriteStringValue(d.ToString().ToLowerInvariant());
            }

            w.WriteEndArray();
            Strings(w, "objectives", report.ObjectiveNames);
            w.WriteStartObject("counts");
            foreach (var kv in report.StateCounts)
            {
                w.WriteNumber(ReportTable.State(kv.Key), kv.Value);
            }

            w.WriteEndObject();
            w.WritePropertyName("best");
            if (report.Best is null)
            {
                w.WriteNullValue();
            }
            else
            {
                Trial(w, report.Best);
            }

            w.WriteStartArray("pareto_front");
            foreach (int n in report.ParetoFront)
            {
                w.WriteNumberValue(n);
            }

            w.WriteEndArray();
            if (report.Ensemble is { } ensemble)
            {
                w.WriteStartArray("ensemble");
                foreach (int n in ensemble.Members.Select(m => m.Number))
                {
                    w.WriteNumberValue(n);
                }

                w.WriteEndArray();
            }

            w.WriteStartObject("importance");
            Map(w, "fanova", report.Importance);
            Map(w, "ped_anova", report.PedAnovaImportance);
            w.WriteString("note", report.ImportanceNote);
            w.WriteEndObject();
            w.WritePropertyName("correlation");
            if (report.Correlation is not { } c)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStartObject();
                w.WriteNumber("samples", c.Samples);
                Strings(w, "names", c.Names);
                w.WriteStartArray("spearman");
                foreach (double[] row in c.Rho)
                {
                    w.WriteStartArray();
                    foreach (double v in row)
                    {
                        Number(w, v);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteStartArray("history");
            foreach ((int number, double value, double best) in report.History)
            {
                w.WriteStartObject();
                w.WriteNumber("number", number);
                w.WritePropertyName("value");
                Number(w, value);
                w.WritePropertyName("best_so_far");
                Number(w, best);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("failures");
            foreach (FailureSummary f in report.Failures)
            {
                w.WriteStartObject();
                w.WriteString("state", f.State);
                w.WriteString("reason", f.Reason);
                w.WriteNumber("count", f.Count);
                w.WriteStartArray("trials");
                foreach (int n in f.Trials)
                {
                    w.WriteNumberValue(n);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("parameters");
            foreach (ReportParameter p in report.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("kind", p.Kind);
                w.WriteBoolean("log", p.Log);
                w.WriteNumber("low", p.Low);
                w.WriteNumber("high", p.High);
                Strings(w, "choices", p.Choices);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("trials");
            foreach (ReportTrial t in report.SortedBy(sort))
            {
                Trial(w, t);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Trial(Utf8JsonWriter w, ReportTrial t)
    {
        w.WriteStartObject();
        w.WriteNumber("number", t.Number);
        if (t.Job >= 0)
        {
            w.WriteNumber("job", t.Job);
        }

        w.WriteString("state", ReportTable.State(t.State));
        w.WritePropertyName("values");
        if (t.Values is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStartArray();
            foreach (double v in t.Values)
            {
                Number(w, v);
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("params");
        foreach (var kv in t.Params)
        {
            w.WritePropertyName(kv.Key);
            JsonSerializer.Serialize(w, kv.Value);
        }

        w.WriteEndObject();
        Map(w, "metrics", t.Metrics);
        if (t.Intermediate.Count > 0)
        {
            w.WriteStartObject("intermediate");
            foreach (KeyValuePair<int, double> kv in t.Intermediate.OrderBy(kv => kv.Key))
            {
                w.WritePropertyName(kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Number(w, kv.Value);
            }

            w.WriteEndObject();
        }

        if (t.Seconds is double s)
        {
            w.WriteNumber("seconds", Math.Round(s, 3));
        }

        w.WriteString("reason", t.Reason);
        w.WriteEndObject();
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> map)
    {
        w.WriteStartObject(name);
        foreach (var kv in map)
        {
            w.WritePropertyName(kv.Key);
            Number(w, kv.Value);
        }

        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
