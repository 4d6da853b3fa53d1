using System.Text;
using System.Text.Json;

namespace Wnn.Experiments.Config.Composition;

/// <summary>Writes config trees as indented JSON (key order kept; infinities and NaN as the strings
/// <c>Infinity</c>, <c>-Infinity</c>, <c>NaN</c>, which JSON numbers cannot hold).</summary>
public static class ConfigJson
{
    /// <summary>The tree as JSON text, ending with a newline.</summary>
    public static string Write(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter writer, ConfigNode node)
    {
        switch (node)
        {
            case ConfigMapping map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case ConfigSequence seq:
                writer.WriteStartArray();
                foreach (ConfigNode item in seq.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigScalar { Value: null }:
                writer.WriteNullValue();
                break;
            case ConfigScalar { Value: string s }:
                writer.WriteStringValue(s);
                break;
            case ConfigScalar { Value: bool b }:
                writer.WriteBooleanValue(b);
                break;
            case ConfigScalar { Value: long l }:
                writer.WriteNumberValue(l);
                break;
            case ConfigScalar { Value: double d }:
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
        }
    }
}
