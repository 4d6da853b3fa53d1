using System.Text.Json;

namespace Wnn.Contracts;

/// <summary>Body of <c>POST /api/flows/{id}/restart</c> (optional): restart from a phase, with an edited config.</summary>
public sealed record RestartFlowRequest
{
    /// <summary>Phase key to run again from (its experiments and the later ones are removed); null = resume after the last completed phase.</summary>
    public string? From { get; init; }

    /// <summary>New configuration object (checked against the phases before <see cref="From"/> by the resume-identity rule), or null.</summary>
    public JsonElement? Config { get; init; }
}
