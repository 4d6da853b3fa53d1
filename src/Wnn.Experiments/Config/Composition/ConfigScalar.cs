using System.Globalization;

namespace Wnn.Experiments.Config.Composition;

/// <summary>A leaf value: null, a string, a 64-bit integer, a double or a bool (OmegaConf's primitive types).</summary>
public sealed class ConfigScalar : ConfigNode, IEquatable<ConfigScalar>
{
    /// <summary>OmegaConf's marker of a mandatory value that is not set yet.</summary>
    public const string MissingMarker = "???";

    /// <summary>The null value.</summary>
    public static ConfigScalar Null { get; } = new(null);

    /// <summary>Creates a scalar; <paramref name="value"/> must be null, string, long, double or bool.</summary>
    public ConfigScalar(object? value)
    {
        if (value is not (null or string or long or double or bool))
        {
            throw new ArgumentException($"a scalar is null, string, long, double or bool, not {value.GetType().Name}", nameof(value));
        }

        Value = value;
    }

    /// <summary>The value: null, string, long, double or bool.</summary>
    public object? Value { get; }

    /// <summary>True for the string <c>???</c> (a mandatory value not set).</summary>
    public bool IsMissing => Value is MissingMarker;

    /// <summary>True for a string that contains an interpolation (<c>${…}</c>).</summary>
    public bool IsInterpolation => Value is string s && s.Contains("${", StringComparison.Ordinal);

    /// <inheritdoc />
    public override ConfigNode Clone() => this;

    /// <inheritdoc />
    public override object? ToPlainObject() => Value;

    /// <inheritdoc />
    public bool Equals(ConfigScalar? other) => other is not null && Equals(Value, other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConfigScalar);

    /// <inheritdoc />
    public override int GetHashCode() => Value?.GetHashCode() ?? 0;

    /// <summary>The value as Python's <c>str()</c> prints it (how OmegaConf puts it into a string interpolation).</summary>
    public override string ToString() => PythonText.Str(Value);

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
