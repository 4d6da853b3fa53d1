namespace Wnn.Experiments.Config.Overrides;

/// <summary><c>null</c> (any case).</summary>
public sealed record NullElement : OverrideElement
{
    /// <summary>The one null value.</summary>
    public static NullElement Instance { get; } = new();
}
