namespace Wnn.Experiments.Config.Overrides;

/// <summary>The part of an override after <c>=</c>: an <see cref="OverrideElement"/> (one value) or an <see cref="OverrideSweep"/> (several).</summary>
public abstract record OverrideValue;
