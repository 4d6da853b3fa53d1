namespace Wnn.Experiments.Config.Overrides;

/// <summary>A list <c>[a, b, …]</c>.</summary>
public sealed record ListElement(ValueList<OverrideElement> Items) : OverrideElement;
