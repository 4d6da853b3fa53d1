namespace Wnn.Contracts;

/// <summary>Trials that failed or were pruned for one reason.</summary>
/// <param name="State">failed or pruned.</param>
/// <param name="Reason">The recorded reason.</param>
/// <param name="Count">How many trials.</param>
/// <param name="Trials">Their numbers.</param>
public sealed record FailureGroup(string State, string Reason, int Count, IReadOnlyList<int> Trials);
