namespace Wnn.Experiments.Config.Overrides;

/// <summary>One value: null, bool, int, float, string, quoted string, list or dict.</summary>
public abstract record OverrideElement : OverrideValue
{
    /// <summary>The value as Hydra writes it back into an override (see <see cref="OverrideFormatter"/>).</summary>
    public sealed override string ToString() => OverrideFormatter.Format(this);
}
