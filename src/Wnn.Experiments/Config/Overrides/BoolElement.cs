namespace Wnn.Experiments.Config.Overrides;

/// <summary><c>true</c> or <c>false</c> (any case).</summary>
public sealed record BoolElement(bool Value) : OverrideElement;
