namespace Wnn.Experiments.Config.Overrides;

/// <summary>An unquoted string (escapes removed), including interpolations such as <c>${a.b}</c>, kept as text.</summary>
public sealed record StringElement(string Value) : OverrideElement
{
    /// <summary>True if the text contains an interpolation <c>${…}</c>, which composition resolves later.</summary>
    public bool HasInterpolation => Value.Contains("${", StringComparison.Ordinal);
}
