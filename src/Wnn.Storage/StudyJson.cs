using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wnn.Search;

namespace Wnn.Storage;

/// <summary>
/// The JSON forms of distributions and attribute values in the study tables. Doubles are written with a decimal point or
/// exponent and integers without, so that a value reads back as the CLR type it was written as (int, long or double).
/// </summary>
internal static class StudyJson
{
    public static string Distribution(ParameterDistribution distribution)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (distribution)
            {
                case FloatDistribution f:
                    w.WriteString("type", "float");
                    w.WritePropertyName("low");
                    WriteDouble(w, f.Low);
                    w.WritePropertyName("high");
                    WriteDouble(w, f.High);
                    w.WriteBoolean("log", f.Log);
                    if (f.Step is double step)
                    {
                        w.WritePropertyName("step");
                        WriteDouble(w, step);
                    }

                    break;
                case IntDistribution i:
                    w.WriteString("type", "int");
                    w.WriteNumber("low", i.Low);
                    w.WriteNumber("high", i.High);
                    w.WriteBoolean("log", i.Log);
                    w.WriteNumber("step", i.Step);
                    break;
                case CategoricalDistribution c:
                    w.WriteString("type", "categorical");
                    w.WriteStartArray("choices");
                    foreach (object? choice in c.Choices)
                    {
                        WriteValue(w, choice);
                    }

                    w.WriteEndArray();
                    break;
                default:
                    throw new NotSupportedException($"Cannot store a {distribution.GetType().Name}.");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ParameterDistribution ParseDistribution(string json)
    {
        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        return root.GetProperty("type").GetString() switch
        {
            "float" => new FloatDistribution(
                root.GetProperty("low").GetDouble(), root.GetProperty("high").GetDouble(), root.GetProperty("log").GetBoolean(),
                root.TryGetProperty("step", out JsonElement step) ? step.GetDouble() : null),
            "int" => new IntDistribution(
                root.GetProperty("low").GetInt32(), root.GetProperty("high").GetInt32(), root.GetProperty("log").GetBoolean(), root.GetProperty("step").GetInt32()),
            "categorical" => new CategoricalDistribution([.. root.GetProperty("choices").EnumerateArray().Select(ToObject)]),
            string other => throw new FormatException($"Unknown distribution type '{other}'."),
            null => throw new FormatException("Distribution without a type."),
        };
    }

    public static string Value(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteValue(w, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static object? ParseValue(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ToObject(document.RootElement);
    }

    public static string Doubles(IReadOnlyList<double> values)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (double v in values)
            {
                WriteDouble(w, v);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static double[] ParseDoubles(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => ToObject(e) switch
        {
            double d => d,
            int i => i,
            long l => l,
            string s => double.Parse(s, CultureInfo.InvariantCulture),
            _ => double.NaN,
        })];
    }

    private static void WriteDouble(Utf8JsonWriter w, double v)
    {
        if (!double.IsFinite(v))
        {
            // JSON has no NaN or infinity; strings keep them ("NaN", "Infinity", "-Infinity").
            w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
            return;
        }

        string text = v.ToString("R", CultureInfo.InvariantCulture);
        w.WriteRawValue(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0", skipInputValidation: true);
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
                WriteDouble(w, d);
                break;
            case float f:
                WriteDouble(w, f);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                w.WriteStartObject();
                foreach (KeyValuePair<string, object?> kv in map)
                {
                    w.WritePropertyName(kv.Key);
                    WriteValue(w, kv.Value);
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
                JsonSerializer.Serialize(w, value, value.GetType());
                break;
        }
    }

    private static object? ToObject(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => Number(e),
        JsonValueKind.Array => e.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        _ => throw new FormatException($"Unexpected JSON {e.ValueKind}."),
    };

    private static object Number(JsonElement e)
    {
        string raw = e.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") >= 0)
        {
            return e.GetDouble();
        }

        // Boxed per branch: a plain conditional would convert every number to the common type double.
        return e.TryGetInt32(out int i) ? (object)i : e.TryGetInt64(out long l) ? (object)l : e.GetDouble();
    }
}
