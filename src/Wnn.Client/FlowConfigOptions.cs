using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wnn.Client;

/// <summary>
/// A flow's <c>config</c> object built from key/value text (CLI flags, <c>--set key=value</c>, overrides): every key of the
/// schema (<see cref="ConfigSchema"/>) is written under its dotted name as a JSON value of its type, after checking it
/// against the schema; keys the schema does not know are passed on as given (an executor of its own may read them). Keys
/// left out take the schema's defaults on the server.
/// </summary>
public sealed record FlowConfigOptions
{
    /// <summary>The values: key (dotted name, alias or other) → text; null text is JSON null.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/> (later values replace earlier ones of the same key).</summary>
    public FlowConfigOptions With(string key, string? value) =>
        this with { Values = new Dictionary<string, string?>(Values, StringComparer.Ordinal) { [key] = value } };

    /// <summary>The config object as JSON, keys in schema order first.</summary>
    /// <exception cref="ConfigException">A value is not valid for its key; the message names the key.</exception>
    public JsonElement ToJson()
    {
        var known = new SortedDictionary<int, (string Name, JsonNode? Value)>();
        var config = new JsonObject();
        var other = new List<(string, JsonNode?)>();
        foreach (var (name, text) in Values)
        {
            if (ConfigSchema.Find(name) is not { } key)
            {
                other.Add((name, Scalar(text)));
                continue;
            }

            object? value = key.Parse(text, out string? error);
            if (error is not null)
            {
                throw new ConfigException($"config key '{name}': {error}");
            }

            int order = IndexOf(key);
            if (known.TryGetValue(order, out var previous) && previous.Name != name)
            {
                throw new ConfigException($"config key '{name}' is given twice (as '{previous.Name}' and '{name}'; both name {key.Name})");
            }

            known[order] = (name, value switch
            {
                null => null,
                bool b => JsonValue.Create(b),
                int i => JsonValue.Create(i),
                ulong u => JsonValue.Create(u),
                double d => JsonValue.Create(d),
                string s => JsonValue.Create(key.IsPath ? Path.GetFullPath(s) : s),
                _ => throw new InvalidOperationException($"unexpected value type for {key.Name}"),
            });
        }

        foreach (var (order, (_, value)) in known)
        {
            config[ConfigSchema.Keys[order].Name] = value;
        }

        foreach (var (name, value) in other)
        {
            config[name] = value;
        }

        return JsonSerializer.SerializeToElement(config);
    }

    private static int IndexOf(ConfigKeyDefinition key)
    {
        for (int i = 0; i < ConfigSchema.Keys.Count; i++)
        {
            if (ReferenceEquals(ConfigSchema.Keys[i], key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A value of a key the schema does not know: a number, true/false or null when it reads as one, else a string.</summary>
    private static JsonNode? Scalar(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long whole))
        {
            return whole;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
        {
            return number;
        }

        return text switch
        {
            "true" => true,
            "false" => false,
            "null" => null,
            _ => text,
        };
    }
}
