using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wnn.Contracts;

/// <summary>Serializes a string that already holds JSON as the JSON value itself (not as a quoted string).</summary>
public sealed class RawJsonConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(string.IsNullOrEmpty(value) ? "null" : value, skipInputValidation: false);
    }
}
