using System.Globalization;

namespace Wnn.Experiments.Config;

/// <summary>One configuration key: its snake_case name, value type, and how to read and set it on a config.</summary>
public sealed class ConfigKey
{
    private readonly Func<PhasedSearchConfig, object?> _get;
    private readonly Func<PhasedSearchConfig, object?, PhasedSearchConfig> _set;

    internal ConfigKey(
        string name, ConfigValueKind kind, bool nullable,
        Func<PhasedSearchConfig, object?> get, Func<PhasedSearchConfig, object?, PhasedSearchConfig> set,
        IReadOnlyList<string>? allowed = null, bool affectsResults = true)
    {
        AffectsResults = affectsResults;
        Name = name;
        Kind = kind;
        Nullable = nullable;
        _get = get;
        _set = set;
        Allowed = allowed ?? [];
    }

    /// <summary>The snake_case YAML key.</summary>
    public string Name { get; }

    /// <summary>The value type.</summary>
    public ConfigValueKind Kind { get; }

    /// <summary>Whether null is allowed.</summary>
    public bool Nullable { get; }

    /// <summary>
    /// Whether a different value changes a run's results (data, model, seed, tiers, operators): a resume refuses to change
    /// it. False for budget and stopping keys (iterations, patience, checks), which a resume applies (docs/search.md).
    /// </summary>
    public bool AffectsResults { get; }

    /// <summary>Allowed values of a text key (empty = any).</summary>
    public IReadOnlyList<string> Allowed { get; }

    /// <summary>The key's value in <paramref name="config"/>.</summary>
    public object? Get(PhasedSearchConfig config) => _get(config);

    /// <summary>A copy of <paramref name="config"/> with this key set from text (YAML scalar or CLI value).</summary>
    /// <exception cref="ConfigException">The text is not a valid value; the message names the key.</exception>
    public PhasedSearchConfig Set(PhasedSearchConfig config, string? text) => _set(config, Parse(text));

    /// <summary>Formats the key's value as YAML scalar text.</summary>
    public string Format(PhasedSearchConfig config) => _get(config) switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        var o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "null",
    };

    private object? Parse(string? text)
    {
        string? t = text?.Trim();
        if (t is null || t.Length == 0 || t is "~" || t.Equals("null", StringComparison.OrdinalIgnoreCase)
            || t.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            if (Nullable)
            {
                return null;
            }

            throw new ConfigException($"config key '{Name}': null is not allowed; expected {Expected}");
        }

        switch (Kind)
        {
            case ConfigValueKind.Integer:
                if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i))
                {
                    return i;
                }

                break;
            case ConfigValueKind.UnsignedInteger:
                if (ulong.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong u))
                {
                    return u;
                }

                break;
            case ConfigValueKind.Number:
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
                {
                    return d;
                }

                break;
            case ConfigValueKind.Boolean:
                if (t.ToLowerInvariant() is "true" or "yes" or "on")
                {
                    return true;
                }

                if (t.ToLowerInvariant() is "false" or "no" or "off")
                {
                    return false;
                }

                break;
            default:
                string s = t.ToLowerInvariant();
                if (Allowed.Count == 0)
                {
                    return t;
                }

                if (Allowed.Contains(s))
                {
                    return s;
                }

                throw new ConfigException($"config key '{Name}': '{t}' is not allowed; expected one of {string.Join(", ", Allowed)}");
        }

        throw new ConfigException($"config key '{Name}': '{t}' is not {Expected}");
    }

    private string Expected => (Kind switch
    {
        ConfigValueKind.Integer => "an integer",
        ConfigValueKind.UnsignedInteger => "a non-negative integer",
        ConfigValueKind.Number => "a number",
        ConfigValueKind.Boolean => "true or false",
        _ => Allowed.Count > 0 ? "one of " + string.Join(", ", Allowed) : "text",
    }) + (Nullable ? " or null" : "");
}
