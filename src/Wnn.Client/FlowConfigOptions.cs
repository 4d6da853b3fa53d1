using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wnn.Client;

/// <summary>
/// The flow parameters the CLI and dashboard set, turned into a flow's <c>config</c> object under the key names of the
/// search YAML (<c>population_size</c>, <c>neighbors_per_iter</c>, …; docs/experiments-server.md lists them). Null
/// values are left out so the executor applies its own defaults.
/// </summary>
public sealed record FlowConfigOptions
{
    /// <summary>Template name. Default <c>standard-6-phase</c>.</summary>
    public string Template { get; init; } = "standard-6-phase";

    /// <summary><c>neurons_first</c> (default) or <c>bits_first</c>.</summary>
    public string PhaseOrder { get; init; } = "neurons_first";

    /// <summary>Early-stop patience (<c>patience</c>).</summary>
    public int? Patience { get; init; }

    /// <summary>GA generations per GA phase (<c>ga_generations</c>).</summary>
    public int? GaGenerations { get; init; }

    /// <summary>TS iterations per TS phase (<c>ts_iterations</c>).</summary>
    public int? TsIterations { get; init; }

    /// <summary>GA population size (<c>population_size</c>).</summary>
    public int? Population { get; init; }

    /// <summary>TS neighbors per iteration (<c>neighbors_per_iter</c>).</summary>
    public int? Neighbors { get; init; }

    /// <summary>Tier configuration, e.g. <c>100,15,20;400,10,12;rest,5,8</c> (<c>tier_config</c>).</summary>
    public string? TierConfig { get; init; }

    /// <summary>Fitness calculator (<c>fitness</c>): ce, harmonic_rank, normalized or normalized_harmonic.</summary>
    public string? Fitness { get; init; }

    /// <summary>Only tier-0 clusters mutate (<c>optimize_tier0_only</c>).</summary>
    public bool? OptimizeTier0Only { get; init; }

    /// <summary>Run seed (<c>rotation_seed</c>); the executor uses 42 when absent, like <c>wnn search</c>.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Training token cap (<c>train_tokens</c>).</summary>
    public int? TrainTokens { get; init; }

    /// <summary>Evaluation token cap (<c>eval_tokens</c>).</summary>
    public int? EvalTokens { get; init; }

    /// <summary>Training corpus file or Brown directory (<c>train_file</c>); paths are read by the worker.</summary>
    public string? TrainFile { get; init; }

    /// <summary>Evaluation corpus file (<c>eval_file</c>).</summary>
    public string? EvalFile { get; init; }

    /// <summary>Corpus format (<c>format</c>): wikitext, text or brown.</summary>
    public string? Format { get; init; }

    /// <summary>Tokenizer (<c>tokenizer</c>): gpt2, word or char.</summary>
    public string? Tokenizer { get; init; }

    /// <summary>Tokenizer file (<c>tokenizer_file</c>).</summary>
    public string? TokenizerFile { get; init; }

    /// <summary>Word vocabulary size (<c>word_vocab</c>).</summary>
    public int? WordVocabulary { get; init; }

    /// <summary>Data and cache folder (<c>data_dir</c>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Any further keys (e.g. from <c>--set key=value</c>), as text; they override the typed ones.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    /// <summary>The config object as JSON.</summary>
    public JsonElement ToJson()
    {
        var config = new JsonObject { ["template"] = Template, ["phase_order"] = PhaseOrder };
        Add(config, "patience", Patience);
        Add(config, "ga_generations", GaGenerations);
        Add(config, "ts_iterations", TsIterations);
        Add(config, "population_size", Population);
        Add(config, "neighbors_per_iter", Neighbors);
        Add(config, "tier_config", TierConfig);
        Add(config, "fitness", Fitness);
        if (OptimizeTier0Only is bool tier0)
        {
            config["optimize_tier0_only"] = tier0;
        }

        if (Seed is ulong seed)
        {
            config["rotation_seed"] = seed;
        }

        Add(config, "train_tokens", TrainTokens);
        Add(config, "eval_tokens", EvalTokens);
        Add(config, "train_file", TrainFile);
        Add(config, "eval_file", EvalFile);
        Add(config, "format", Format);
        Add(config, "tokenizer", Tokenizer);
        Add(config, "tokenizer_file", TokenizerFile);
        Add(config, "word_vocab", WordVocabulary);
        Add(config, "data_dir", DataDirectory);
        foreach (var (key, value) in Extra ?? new Dictionary<string, string>())
        {
            config[key] = Scalar(value);
        }

        return JsonSerializer.SerializeToElement(config);
    }

    /// <summary>A <c>--set</c> value as JSON: a number, true/false or null when it reads as one, else a string.</summary>
    private static JsonNode? Scalar(string text)
    {
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

    private static void Add(JsonObject config, string key, int? value)
    {
        if (value is int v)
        {
            config[key] = v;
        }
    }

    private static void Add(JsonObject config, string key, string? value)
    {
        if (value is not null)
        {
            config[key] = value;
        }
    }
}
