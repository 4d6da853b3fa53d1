namespace Wnn.Contracts;

/// <summary>
/// A flow template (docs/flows.md): the phase list a flow starts from (<c>search.phases</c>; null = the standard six of
/// the phase order, empty = none, the user adds them) and keys it sets (the bitwise templates set the model type).
/// </summary>
/// <param name="Name">The <c>flow.template</c> value.</param>
/// <param name="Phases">The phase list text, or null for the six phases of <c>search.phase_order</c>.</param>
/// <param name="Settings">Keys the template sets (dotted name → text); keys given in the flow's config win.</param>
public sealed record FlowTemplateDefinition(string Name, string? Phases, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The model type key the bitwise templates set (declared by the bitwise model; see docs/flows.md).</summary>
    public const string ModelTypeKey = "model.type";

    /// <summary>The phase type words of <c>search.phases</c>, in the order forms list them.</summary>
    public static IReadOnlyList<string> PhaseTypes { get; } = ["grid", "ga_neurons", "ts_neurons", "ga_bits", "ts_bits", "ga_connections", "ts_connections"];

    private const string StandardPhases = "ga_neurons; ts_neurons; ga_bits; ts_bits; ga_connections; ts_connections";

    /// <summary>Every template, in the order forms list them (the allowed values of <c>flow.template</c>).</summary>
    public static IReadOnlyList<FlowTemplateDefinition> All { get; } =
    [
        new("standard-6-phase", null, new Dictionary<string, string>()),
        new("quick-4", "ga_neurons; ga_bits; ga_connections; ts_connections", new Dictionary<string, string>()),
        new("bitwise-7", "grid; " + StandardPhases, new Dictionary<string, string> { [ModelTypeKey] = "bitwise" }),
        new("bitwise-10", "grid; " + StandardPhases + "; ts_neurons; ts_bits; ts_connections",
            new Dictionary<string, string> { [ModelTypeKey] = "bitwise" }),
        new("empty", "", new Dictionary<string, string>()),
    ];
}
