using System.Text.Json;

namespace Wnn.Contracts;

/// <summary>Body of <c>POST /api/flows</c>.</summary>
public sealed record CreateFlowRequest
{
    /// <summary>Flow name (1–200 characters).</summary>
    public string? Name { get; init; }

    /// <summary>Optional description (up to 2,000 characters).</summary>
    public string? Description { get; init; }

    /// <summary>Flow configuration object (template, phase_order, patience, ga_generations, ts_iterations, …); default <c>{}</c>.</summary>
    public JsonElement? Config { get; init; }

    /// <summary>Checkpoint to seed the flow from.</summary>
    public long? SeedCheckpointId { get; init; }
}
