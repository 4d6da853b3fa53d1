using System.Text.Json;

namespace Wnn.Contracts;

/// <summary>Body of <c>POST /api/experiments</c>.</summary>
public sealed record CreateExperimentRequest
{
    /// <summary>Name (1–200 characters).</summary>
    public string? Name { get; init; }

    /// <summary>Phase key: a digit and a letter, e.g. <c>1a</c>.</summary>
    public string? PhaseKey { get; init; }

    /// <summary><c>ga</c> or <c>ts</c>.</summary>
    public string? Kind { get; init; }

    /// <summary><c>neurons</c>, <c>bits</c> or <c>connections</c>.</summary>
    public string? Dimension { get; init; }

    /// <summary>Owning flow, if any.</summary>
    public long? FlowId { get; init; }

    /// <summary>Position in the flow.</summary>
    public int Sequence { get; init; }

    /// <summary>Configuration object.</summary>
    public JsonElement? Config { get; init; }
}
