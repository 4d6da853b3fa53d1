using System.Globalization;
using System.Text;
using System.Text.Json;
using Wnn.Search;

namespace Wnn.Cli;

/// <summary>Text and JSON forms of studies and trials for the `wnn study` commands.</summary>
internal static class StudyOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(w);
        }

        Console.Out.Write(Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }

    public static void WriteStudy(Utf8JsonWriter w, StudySummary study, IReadOnlyList<FrozenTrial> trials)
    {
        w.WriteStartObject();
        w.WriteNumber("id", study.Id);
        w.WriteString("name", study.Name);
        w.WriteStartArray("directions");
        foreach (StudyDirection d in study.Directions)
        {
            w.WriteStringValue(d.ToString().ToLowerInvariant());
        }

        w.WriteEndArray();
        w.WriteNumber("trials", trials.Count);
        w.WriteStartObject("states");
        foreach (TrialState s in Enum.GetValues<TrialState>())
        {
            w.WriteNumber(s.ToString().ToLowerInvariant(), trials.Count(t => t.State == s));
        }

        w.WriteEndObject();
        if (study.Directions.Count == 1 && BestTrial(study.Directions[0], trials) is FrozenTrial best)
        {
            WriteNumber(w, "best_value", best.Values![0]);
            w.WriteNumber("best_trial", best.Number);
        }

        w.WriteEndObject();
    }

    public static void WriteTrial(Utf8JsonWriter w, FrozenTrial t)
    {
        w.WriteStartObject();
        w.WriteNumber("number", t.Number);
        w.WriteString("state", t.State.ToString().ToLowerInvariant());
        if (t.Values is null)
        {
            w.WriteNull("values");
        }
        else
        {
            w.WriteStartArray("values");
            foreach (double v in t.Values)
            {
                WriteNumberValue(w, v);
            }

            w.WriteEndArray();
        }

        WriteValue(w, "params", t.Params);
        WriteValue(w, "user_attrs", t.UserAttributes);
        WriteTime(w, "started", t.Started);
        WriteTime(w, "completed", t.Completed);
        if (t.Started is { } a && t.Completed is { } b)
        {
            w.WriteNumber("duration_seconds", Math.Round((b - a).TotalSeconds, 6));
        }

        w.WriteEndObject();
    }

    public static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        WriteNumberValue(w, value);
    }

    public static string Directions(IReadOnlyList<StudyDirection> directions) => string.Join(", ", directions.Select(d => d.ToString().ToLowerInvariant()));

    public static string Values(IReadOnlyList<double>? values) => values is null ? "" : string.Join(", ", values.Select(v => v.ToString("G8", Inv)));

    public static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G8", Inv),
        _ => Convert.ToString(value, Inv) ?? "",
    };

    public static string Best(IReadOnlyList<StudyDirection> directions, IReadOnlyList<FrozenTrial> trials) =>
        directions.Count != 1 ? "(several objectives)"
        : BestTrial(directions[0], trials) is FrozenTrial best ? string.Create(Inv, $"{best.Values![0]:G8} (trial {best.Number})") : "";

    private static FrozenTrial? BestTrial(StudyDirection direction, IReadOnlyList<FrozenTrial> trials)
    {
        IEnumerable<FrozenTrial> complete = trials.Where(t => t.State == TrialState.Complete && t.Values is { Count: 1 });
        return direction == StudyDirection.Minimize ? complete.MinBy(t => t.Values![0]) : complete.MaxBy(t => t.Values![0]);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            w.WriteString(name, value.UtcDateTime.ToString("O", Inv));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNumberValue(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteStringValue(v.ToString(Inv));
        }
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        w.WritePropertyName(name);
        WriteValue(w, value);
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case long l:
                w.WriteNumberValue(l);
                break;
            case double d:
                WriteNumberValue(w, d);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                w.WriteStartObject();
                foreach (KeyValuePair<string, object?> kv in map)
                {
                    WriteValue(w, kv.Key, kv.Value);
                }

                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (object? item in list)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, Inv));
                break;
        }
    }
}
