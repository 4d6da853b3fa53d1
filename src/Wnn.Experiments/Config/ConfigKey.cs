namespace Wnn.Experiments.Config;

/// <summary>A key of the schema (<see cref="ConfigKeyDefinition"/>) bound to its property of <see cref="PhasedSearchConfig"/>.</summary>
public sealed class ConfigKey
{
    private readonly Func<PhasedSearchConfig, object?> _get;
    private readonly Func<PhasedSearchConfig, object?, PhasedSearchConfig> _set;

    internal ConfigKey(ConfigKeyDefinition definition, Func<PhasedSearchConfig, object?> get, Func<PhasedSearchConfig, object?, PhasedSearchConfig> set)
    {
        Definition = definition;
        _get = get;
        _set = set;
    }

    /// <summary>The schema entry: name, type, default, range, documentation, aliases.</summary>
    public ConfigKeyDefinition Definition { get; }

    /// <summary>The dotted canonical name, e.g. <c>ga.generations</c>.</summary>
    public string Name => Definition.Name;

    /// <summary>The value type.</summary>
    public ConfigValueKind Kind => Definition.Kind;

    /// <summary>Whether null is allowed.</summary>
    public bool Nullable => Definition.Nullable;

    /// <summary>Allowed values of a text key (empty = any).</summary>
    public IReadOnlyList<string> Allowed => Definition.Allowed;

    /// <summary>The key's value in <paramref name="config"/>.</summary>
    public object? Get(PhasedSearchConfig config) => _get(config);

    /// <summary>A copy of <paramref name="config"/> with this key set from text (YAML scalar, flag value or JSON scalar text).</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="text">The value as text; null, <c>~</c> and <c>null</c> are null.</param>
    /// <param name="givenName">The name the user wrote (an alias, say), used in the error message; default <see cref="Name"/>.</param>
    /// <exception cref="ConfigException">The text is not a valid value; the message names the key.</exception>
    public PhasedSearchConfig Set(PhasedSearchConfig config, string? text, string? givenName = null)
    {
        object? value = Definition.Parse(text, out string? error);
        return error is null ? _set(config, value) : throw new ConfigException($"config key '{givenName ?? Name}': {error}");
    }

    /// <summary>Sets a value already of the key's type (no parsing, no range check: <see cref="PhasedSearchConfig.Validated"/> does that).</summary>
    public PhasedSearchConfig SetValue(PhasedSearchConfig config, object? value) => _set(config, value);

    /// <summary>Formats the key's value as YAML scalar text.</summary>
    public string Format(PhasedSearchConfig config) => ConfigKeyDefinition.FormatValue(_get(config));
}
