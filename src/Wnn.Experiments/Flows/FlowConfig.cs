using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Config;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Flows;

/// <summary>
/// A flow's <c>config</c> object read for <see cref="PhasedFlowExecutor"/>: <c>template</c>, every
/// <see cref="PhasedSearchConfig"/> key under its YAML name (same aliases, plus <c>population</c> and <c>neighbors</c>
/// as in seed 001), the data keys of <c>wnn search</c> and <c>threads</c>. Unknown keys and wrong types are errors
/// naming the key. Without <c>rotation_seed</c> the seed is 42, as in <c>wnn search</c>.
/// </summary>
public sealed record FlowConfig
{
    /// <summary>The only template: the six phases 1a … 3b of one pass.</summary>
    public const string StandardTemplate = "standard-6-phase";

    /// <summary>Seed used when the config names none (the default of <c>wnn search --seed</c>).</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>Flow-only names of search keys (seed 001's vocabulary).</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["population"] = "population_size",
        ["neighbors"] = "neighbors_per_iter",
    };

    /// <summary>Data keys (as the <c>wnn search</c> data flags): train_file, eval_file, format, tokenizer, tokenizer_file, word_vocab, data_dir.</summary>
    public static IReadOnlyList<string> DataKeys { get; } = ["train_file", "eval_file", "format", "tokenizer", "tokenizer_file", "word_vocab", "data_dir"];

    /// <summary>Template name.</summary>
    public string Template { get; init; } = StandardTemplate;

    /// <summary>The search configuration (validated).</summary>
    public PhasedSearchConfig Search { get; init; } = PhasedSearchConfig.Default with { RotationSeed = DefaultSeed };

    /// <summary>Where the tokens come from; <c>train_tokens</c>/<c>eval_tokens</c> of <see cref="Search"/> cap them.</summary>
    public DataOptions Data { get; init; } = new();

    /// <summary>Evaluation threads; null = all cores (results do not depend on it).</summary>
    public int? Threads { get; init; }

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

            return Parse(doc.RootElement);
        }
    }

    private static FlowConfig Parse(JsonElement root)
    {
        PhasedSearchConfig search = PhasedSearchConfig.Default;
        DataOptions data = new();
        string template = StandardTemplate;
        int? threads = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            string name = property.Name;
            JsonElement value = property.Value;
            switch (name)
            {
                case "template":
                    template = Text(name, value) ?? StandardTemplate;
                    if (template != StandardTemplate)
                    {
                        throw new ConfigException($"config key 'template': '{template}' is not a template; use {StandardTemplate}");
                    }

                    continue;
                case "threads":
                    threads = Int(name, value);
                    if (threads is < 1)
                    {
                        throw new ConfigException($"config key 'threads': {threads} must be at least 1 (or null for all cores)");
                    }

                    continue;
                case "train_file":
                    data = data with { TrainFile = Text(name, value) };
                    continue;
                case "eval_file":
                    data = data with { EvalFile = Text(name, value) };
                    continue;
                case "format":
                    data = data with { Format = Text(name, value) is { } f ? DataCall(name, () => CorpusReader.ParseFormat(f)) : null };
                    continue;
                case "tokenizer":
                    data = data with { Tokenizer = DataCall(name, () => DataOptions.ParseTokenizer(Text(name, value) ?? "gpt2")) };
                    continue;
                case "tokenizer_file":
                    data = data with { TokenizerFile = Text(name, value) };
                    continue;
                case "word_vocab":
                    data = data with { WordVocabularySize = Int(name, value) ?? DataOptions.DefaultWordVocabularySize };
                    continue;
                case "data_dir":
                    data = data with { CacheDirectory = Text(name, value) };
                    continue;
            }

            string searchName = Aliases.TryGetValue(name, out string? alias) ? alias : name;
            ConfigKey key = PhasedSearchConfig.FindKey(searchName) ?? throw new ConfigException(
                $"unknown flow config key '{name}'; valid keys: template, threads, {string.Join(", ", DataKeys)}, "
                + $"{string.Join(", ", PhasedSearchConfig.Keys.Select(k => k.Name))} (aliases: {string.Join(", ", Aliases.Keys.Concat(PhasedSearchConfig.Aliases.Keys))})");
            if (!seen.Add(key.Name))
            {
                throw new ConfigException($"config key '{name}' is given twice (as '{key.Name}' or an alias)");
            }

            search = key.Set(search, ScalarText(name, value));
        }

        if (!seen.Contains("rotation_seed"))
        {
            search = search with { RotationSeed = DefaultSeed };
        }

        search = search.Validated();
        data = data with { TrainTokens = search.TrainTokens, EvalTokens = search.EvalTokens };
        DataCall("data", data.Validate);
        return new FlowConfig { Template = template, Search = search, Data = data, Threads = threads };
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

    private static string? Text(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw new ConfigException($"config key '{name}': expected a string, got {value.GetRawText()}"),
    };

    private static int? Int(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt32(out int n) => n,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) => n,
        _ => throw new ConfigException($"config key '{name}': expected a whole number, got {value.GetRawText()}"),
    };

    private static T DataCall<T>(string name, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (DataException ex)
        {
            throw new ConfigException($"config key '{name}': {ex.Message}", ex);
        }
    }

    private static void DataCall(string name, Action call) => DataCall(name, () =>
    {
        call();
        return 0;
    });

    /// <summary>Effective thread count.</summary>
    public int EffectiveThreads => Threads ?? Environment.ProcessorCount;
}
