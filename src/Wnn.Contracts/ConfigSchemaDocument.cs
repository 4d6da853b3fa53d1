namespace Wnn.Contracts;

/// <summary>Body of <c>GET /api/config/schema</c>: every configuration key and its group, as declared in <see cref="ConfigKeys"/>.</summary>
/// <param name="Keys">The keys in table order.</param>
/// <param name="Groups">The groups in table order.</param>
public sealed record ConfigSchemaDocument(IReadOnlyList<ConfigKeyDefinition> Keys, IReadOnlyList<ConfigGroup> Groups)
{
    /// <summary>The schema of this build.</summary>
    public static ConfigSchemaDocument Current { get; } = new(ConfigSchema.Keys, ConfigSchema.Groups);
}
