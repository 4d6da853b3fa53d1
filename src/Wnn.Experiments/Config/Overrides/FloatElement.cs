namespace Wnn.Experiments.Config.Overrides;

/// <summary>A float such as <c>3.14</c>, <c>1e-5</c>, <c>inf</c> or <c>nan</c>.</summary>
public sealed record FloatElement(double Value) : OverrideElement;
