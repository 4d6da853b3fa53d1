namespace Wnn.Experiments.Config.Overrides;

/// <summary><c>interval(start, end)</c>: all values start &lt;= x &lt; end; floats unless cast with <c>int()</c>. Only samplers can use it.</summary>
public sealed record IntervalSweep(OverrideElement Start, OverrideElement End, ValueList<string> Tags) : OverrideSweep(Tags);
