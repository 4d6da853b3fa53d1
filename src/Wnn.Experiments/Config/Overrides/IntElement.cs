namespace Wnn.Experiments.Config.Overrides;

/// <summary>An integer such as <c>10</c>, <c>-20</c> or <c>1_000</c> (64-bit here; Python's are unbounded).</summary>
public sealed record IntElement(long Value) : OverrideElement;
