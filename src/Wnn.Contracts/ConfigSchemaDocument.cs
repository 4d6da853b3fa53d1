namespace Wnn.Contracts;

/// <summary>
/// Body of <c>GET /api/config/schema</c>: every configuration key and its group, as declared in <see cref="ConfigKeys"/>,
/// the phase types of <c>search.phases</c> and the flow templates (<see cref="FlowTemplateDefinition"/>).
/// </summary>
/// <param name="Keys">The keys in table order.</param>
/// <param name="Groups">The groups in table order.</param>
/// <param name="PhaseTypes">The phase type words of <c>search.phases</c> (docs/flows.md).</param>
/// <param name="Templates">The flow templates.</param>
public sealed record ConfigSchemaDocument(
    IReadOnlyList<ConfigKeyDefinition> Keys, IReadOnlyList<ConfigGroup> Groups, IReadOnlyList<string> PhaseTypes,
    IReadOnlyList<FlowTemplateDefinition> Templates)
{
    /// <summary>The schema of this build.</summary>
    public static ConfigSchemaDocument Current { get; } =
        new(ConfigSchema.Keys, ConfigSchema.Groups, FlowTemplateDefinition.PhaseTypes, FlowTemplateDefinition.All);
}
