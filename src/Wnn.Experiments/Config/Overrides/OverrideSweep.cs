namespace Wnn.Experiments.Config.Overrides;

/// <summary>A value that stands for several: choice, range, interval or glob; <see cref="Tags"/> come from <c>tag(…)</c>, sorted.</summary>
public abstract record OverrideSweep(ValueList<string> Tags) : OverrideValue;
