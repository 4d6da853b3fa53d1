namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// One parsed command-line override, e.g. <c>+db@backup=mysql</c>: <see cref="Type"/> Add, <see cref="KeyOrGroup"/> "db",
/// <see cref="Package"/> "backup", <see cref="Value"/> the string "mysql". <see cref="Value"/> is null only for a bare
/// delete (<c>~key</c>); <c>key=</c> has the empty string as its value.
/// </summary>
/// <param name="Type">Change, Add (<c>+</c>), ForceAdd (<c>++</c>) or Delete (<c>~</c>).</param>
/// <param name="KeyOrGroup">A config key (<c>a.b.c</c>, <c>list.0</c>, <c>$x</c>) or a config group path (<c>db</c>, <c>server/db</c>).</param>
/// <param name="Package">The package after <c>@</c> (may be empty, meaning the global package), or null when there is no <c>@</c>.</param>
/// <param name="Value">An <see cref="OverrideElement"/> or an <see cref="OverrideSweep"/>; null for <c>~key</c>.</param>
/// <param name="InputLine">The text that was parsed.</param>
public sealed record Override(OverrideType Type, string KeyOrGroup, string? Package, OverrideValue? Value, string InputLine)
{
    /// <summary>The key as Hydra writes it back: prefix (<c>+</c>, <c>++</c>, <c>~</c>), key, and <c>@package</c> if given.</summary>
    public string KeyElement =>
        Type switch
        {
            OverrideType.Add => "+",
            OverrideType.ForceAdd => "++",
            OverrideType.Delete => "~",
            _ => "",
        } + KeyOrGroup + (Package is null ? "" : "@" + Package);

    /// <summary>True if the value is a sweep (choice, range, interval or glob).</summary>
    public bool IsSweep => Value is OverrideSweep;

    /// <summary>The value when it is a single element (not a sweep), else null.</summary>
    public OverrideElement? Element => Value as OverrideElement;

    /// <summary>True for overrides of Hydra's own configuration (<c>hydra.…</c> or <c>hydra/…</c>), which are not passed to jobs.</summary>
    public bool IsHydraOverride =>
        KeyOrGroup.StartsWith("hydra.", StringComparison.Ordinal) || KeyOrGroup.StartsWith("hydra/", StringComparison.Ordinal);

    /// <summary>The override written back as Hydra writes a non-sweep override (<c>key=value</c>); bare deletes are written <c>~key=null</c>, as Hydra's sweeper does.</summary>
    public string Format() =>
        Value switch
        {
            OverrideSweep => throw new InvalidOperationException($"'{InputLine}' is a sweep; enumerate its values instead of formatting it."),
            OverrideElement e => KeyElement + "=" + OverrideFormatter.Format(e),
            _ => KeyElement + "=null",
        };
}
