using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wnn.Contracts;

/// <summary>The JSON conventions shared by event payloads, the REST API and the client: snake_case, lower-case enums.</summary>
public static class StoreJson
{
    /// <summary>Serializer options used for every payload the store writes.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    /// <summary>Applies the shared conventions to <paramref name="options"/> and returns it.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return options;
    }

    /// <summary>Serializes a value with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
