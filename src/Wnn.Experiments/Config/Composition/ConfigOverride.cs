using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// One command-line override as composition consumes it (what the override grammar produces, one job's worth: no
/// sweeps).
/// </summary>
/// <param name="Kind">Group selection, value, or decided at composition (<see cref="ConfigOverrideKind.Auto"/>).</param>
/// <param name="Operation">Set, add (+), force-add (++) or delete (~).</param>
/// <param name="Key">A dotted key (<c>db.host</c>, <c>layers.0</c>) or a group path (<c>phase1/latent_space</c>).</param>
/// <param name="Package">The package after '@' (<c>db@backup=mysql</c>), or null.</param>
/// <param name="Value">The value as a plain object tree: string, long, double, bool, null, <c>List&lt;object?&gt;</c>,
/// <c>Dictionary&lt;string, object?&gt;</c> (in order). For a group selection the option name (or a list of names);
/// for a delete the expected value, or null.</param>
/// <param name="Text">The override as the user wrote it (for messages and <c>hydra.overrides.task</c>); null renders one.</param>
public sealed record ConfigOverride(
    ConfigOverrideKind Kind,
    ConfigOverrideOperation Operation,
    string Key,
    string? Package,
    object? Value,
    string? Text = null)
{
    /// <summary>The key with its package, as Hydra names an override (<c>db@backup</c>).</summary>
    public string KeyWithPackage => Package is null ? Key : Key + "@" + Package;

    /// <summary>The override as written (or a rendering of it: <c>+db.port=3306</c>).</summary>
    public string InputText => Text ?? Render();

    /// <summary>
    /// Parses one override with the override grammar (<see cref="OverrideParser"/>) into what composition consumes:
    /// <c>key=value</c>, <c>+key=value</c>, <c>++key=value</c>, <c>~key[=value]</c>, <c>group=option</c>,
    /// <c>group@pkg=option</c>, <c>+group=option</c>, <c>~group</c>. A sweep is an error (one job's overrides only).
    /// </summary>
    /// <exception cref="OverrideParseException">The text is not an override (the message has the column).</exception>
    /// <exception cref="ConfigCompositionException">The override is a sweep.</exception>
    public static ConfigOverride Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromOverride(OverrideParser.Parse(text));
    }

    /// <summary>
    /// A parsed, non-sweep override as composition consumes it: the value as a plain object tree
    /// (<see cref="OverrideValues.ToPlain"/>), <see cref="Text"/> the override as written; group or value is decided at
    /// composition (<see cref="ConfigOverrideKind.Auto"/>), as Hydra decides it when loading.
    /// </summary>
    /// <exception cref="ConfigCompositionException">The override is a sweep (<c>a=1,2</c>, <c>range(…)</c>, …).</exception>
    public static ConfigOverride FromOverride(Override parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Value is OverrideSweep)
        {
            throw new ConfigCompositionException(
                $"override '{parsed.InputLine}' is a sweep; composition takes one value per key (plan or run sweeps with 'wnn sweep plan' or 'wnn sweep run')");
        }

        ConfigOverrideOperation operation = parsed.Type switch
        {
            OverrideType.Add => ConfigOverrideOperation.Add,
            OverrideType.ForceAdd => ConfigOverrideOperation.ForceAdd,
            OverrideType.Delete => ConfigOverrideOperation.Delete,
            _ => ConfigOverrideOperation.Set,
        };
        object? value = parsed.Element is OverrideElement e ? OverrideValues.ToPlain(e) : null;
        return new ConfigOverride(ConfigOverrideKind.Auto, operation, parsed.KeyOrGroup, parsed.Package, value, parsed.InputLine);
    }

    private string Render()
    {
        string prefix = Operation switch
        {
            ConfigOverrideOperation.Add => "+",
            ConfigOverrideOperation.ForceAdd => "++",
            ConfigOverrideOperation.Delete => "~",
            _ => "",
        };
        if (Operation == ConfigOverrideOperation.Delete && Value is null)
        {
            return prefix + KeyWithPackage;
        }

        return prefix + KeyWithPackage + "=" + RenderValue(Value);
    }

    private static string RenderValue(object? value) => value switch
    {
        IEnumerable<KeyValuePair<string, object?>> map => "{" + string.Join(",", map.Select(p => p.Key + ":" + RenderValue(p.Value))) + "}",
        string s => s,
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(RenderValue)) + "]",
        bool b => b ? "true" : "false",
        null => "null",
        _ => PythonText.Str(value),
    };
}
