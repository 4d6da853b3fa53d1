using System.Text.Json;
using Wnn.Experiments.Config;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Flows;

/// <summary>
/// A flow's <c>config</c> object read for <see cref="PhasedFlowExecutor"/>: every key of the schema (<see cref="ConfigSchema"/>)
/// under its dotted name (<c>"ga.generations": 10</c>), nested by group (<c>"ga": {"generations": 10}</c>) or under a flat
/// alias (<c>ga_generations</c>, seed 001's <c>population</c>). Unknown keys and wrong types are errors naming the key;
/// missing keys take the schema's defaults, the same as <c>wnn search</c>.
/// </summary>
public sealed record FlowConfig
{
    /// <summary>The default template: the six phases 1a … 3b of one pass.</summary>
    public static readonly string StandardTemplate = (string)ConfigKeys.Template.Default!;

    /// <summary>Template name.</summary>
    public string Template { get; init; } = StandardTemplate;

    /// <summary>The search configuration, data and threads included (validated).</summary>
    public PhasedConfig Search { get; init; } = PhasedConfig.Default;

    /// <summary>Where the tokens come from (token caps included).</summary>
    public DataOptions Data => Search.Data;

    /// <summary>Evaluation threads; null = all cores (results do not depend on it).</summary>
    public int? Threads => Search.Threads;

    /// <summary>Effective thread count.</summary>
    public int EffectiveThreads => Search.EffectiveThreads;

    /// <summary>Parses and validates a flow's config JSON (null or empty = all defaults).</summary>
    /// <exception cref="ConfigException">Malformed JSON, unknown key, wrong type or invalid value; the message names the key.</exception>
    public static FlowConfig Parse(string? json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"flow config is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"flow config must be a JSON object (got {doc.RootElement.ValueKind.ToString().ToLowerInvariant()})");
            }

            var flow = new FlowConfig();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            flow = Read(flow, doc.RootElement, "", seen);
            PhasedConfig search = FlowTemplate.Apply(FlowTemplate.Find(flow.Template), flow.Search, seen.Keys.ToHashSet(StringComparer.Ordinal));
            return flow with { Search = search.Validated() };
        }
    }

    private static FlowConfig Read(FlowConfig flow, JsonElement obj, string prefix, Dictionary<string, string> seen)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            string name = prefix + property.Name;
            JsonElement value = property.Value;
            ConfigKeyDefinition? definition = ConfigSchema.Find(name);
            if (value.ValueKind == JsonValueKind.Object)
            {
                flow = Read(flow, value, name + ".", seen);
                continue;
            }

            if (definition is null || (definition.Scope & ConfigScope.Flow) == 0)
            {
                throw new ConfigException(ConfigSchema.UnknownKeyMessage(name, ConfigScope.Flow));
            }

            if (!seen.TryAdd(definition.Name, name))
            {
                throw new ConfigException($"config key '{name}' is given twice (as '{seen[definition.Name]}' and '{name}'; both name {definition.Name})");
            }

            string? text = ScalarText(name, value);
            if (ReferenceEquals(definition, ConfigKeys.Template))
            {
                object? template = definition.Parse(text, out string? error);
                flow = error is null
                    ? flow with { Template = (string?)template ?? StandardTemplate }
                    : throw new ConfigException($"config key '{name}': {error}");
                continue;
            }

            flow = flow with { Search = PhasedConfig.FindKey(definition.Name)!.Set(flow.Search, text, name) };
        }

        return flow;
    }

    /// <summary>The JSON scalar as the text a YAML scalar would hold (numbers in invariant form, null as null).</summary>
    private static string? ScalarText(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ConfigException($"config key '{name}': expected a single value, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}"),
    };
}
