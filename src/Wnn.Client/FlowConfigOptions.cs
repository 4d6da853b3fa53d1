using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wnn.Client;

/// <summary>
/// The flow parameters the CLI and dashboard set, turned into a flow's <c>config</c> object. Null values are left
/// out so the executor applies its own defaults.
/// </summary>
public sealed record FlowConfigOptions
{
    /// <summary>Template name. Default <c>standard-6-phase</c>.</summary>
    public string Template { get; init; } = "standard-6-phase";

    /// <summary><c>neurons_first</c> (default) or <c>bits_first</c>.</summary>
    public string PhaseOrder { get; init; } = "neurons_first";

    /// <summary>Early-stop patience.</summary>
    public int? Patience { get; init; }

    /// <summary>GA generations per GA phase.</summary>
    public int? GaGenerations { get; init; }

    /// <summary>TS iterations per TS phase.</summary>
    public int? TsIterations { get; init; }

    /// <summary>GA population size.</summary>
    public int? Population { get; init; }

    /// <summary>TS neighbors per iteration.</summary>
    public int? Neighbors { get; init; }

    /// <summary>Tier configuration, e.g. <c>100,15,20;400,10,12;rest,5,8</c>.</summary>
    public string? TierConfig { get; init; }

    /// <summary>The config object as JSON.</summary>
    public JsonElement ToJson()
    {
        var config = new JsonObject { ["template"] = Template, ["phase_order"] = PhaseOrder };
        Add(config, "patience", Patience);
        Add(config, "ga_generations", GaGenerations);
        Add(config, "ts_iterations", TsIterations);
        Add(config, "population", Population);
        Add(config, "neighbors", Neighbors);
        if (TierConfig is not null)
        {
            config["tier_config"] = TierConfig;
        }

        return JsonSerializer.SerializeToElement(config);
    }

    private static void Add(JsonObject config, string key, int? value)
    {
        if (value is int v)
        {
            config[key] = v;
        }
    }
}
