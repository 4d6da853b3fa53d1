using System.Globalization;

namespace Wnn.Search;

/// <summary>The domain of one parameter. Samplers work on an internal numeric value (float/int: the value itself; categorical: the choice index) and on a unit-cube transform of it.</summary>
public abstract class ParameterDistribution : IEquatable<ParameterDistribution>
{
    private protected ParameterDistribution()
    {
    }

    /// <summary>True when the domain holds exactly one value.</summary>
    public abstract bool IsSingle { get; }

    /// <summary>Converts a user-facing value to the internal numeric representation; throws <see cref="ArgumentException"/> when the value is outside the domain.</summary>
    public abstract double ToInternal(object? value);

    /// <summary>Converts an internal value back to the user-facing value (double, int or the categorical choice).</summary>
    public abstract object? ToExternal(double internalValue);

    /// <summary>True when the internal value is a legal point of this domain.</summary>
    public abstract bool Contains(double internalValue);

    /// <summary>Maps an internal value into [0, 1] (log scale for log domains, cell centres for discrete ones).</summary>
    public abstract double ToUnit(double internalValue);

    /// <summary>Maps a point of [0, 1] to a legal internal value (rounded to the step or choice).</summary>
    public abstract double FromUnit(double unit);

    /// <summary>A short human-readable description used in error messages.</summary>
    public abstract string Describe();

    /// <inheritdoc />
    public abstract bool Equals(ParameterDistribution? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ParameterDistribution other && Equals(other);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Describe();

    private protected static double ClampUnit(double u) => double.IsNaN(u) ? 0.5 : Math.Clamp(u, 0.0, 1.0);

    private protected static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private protected static void RequireFinite(double v, string name, string what)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentException($"{what}: {name} must be a finite number, got {Format(v)}.", name);
        }
    }
}
