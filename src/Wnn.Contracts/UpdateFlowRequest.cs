using System.Text.Json;

namespace Wnn.Contracts;

/// <summary>Body of <c>PATCH /api/flows/{id}</c>; absent fields stay unchanged.</summary>
public sealed record UpdateFlowRequest
{
    /// <summary>New name.</summary>
    public string? Name { get; init; }

    /// <summary>New description.</summary>
    public string? Description { get; init; }

    /// <summary>New configuration object.</summary>
    public JsonElement? Config { get; init; }
}
