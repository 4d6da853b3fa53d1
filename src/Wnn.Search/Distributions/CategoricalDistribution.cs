using System.Globalization;

namespace Wnn.Search;

/// <summary>A parameter that takes one of a fixed list of choices (null, bool, int, long, double or string); its internal value is the choice index.</summary>
public sealed class CategoricalDistribution : ParameterDistribution
{
    private readonly object?[] _choices;

    /// <summary>Creates and validates a categorical domain; choices must be non-empty, distinct and of a supported type.</summary>
    public CategoricalDistribution(IEnumerable<object?> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _choices = [.. choices];
        if (_choices.Length == 0)
        {
            throw new ArgumentException("CategoricalDistribution: choices must not be empty; allowed: one or more distinct values.", nameof(choices));
        }

        for (int i = 0; i < _choices.Length; i++)
        {
            object? c = _choices[i];
            if (c is not (null or bool or int or long or double or string))
            {
                throw new ArgumentException(
                    $"CategoricalDistribution: choice '{c}' has type {c.GetType().Name}; allowed types: null, bool, int, long, double, string.", nameof(choices));
            }

            if (c is double d && double.IsNaN(d))
            {
                throw new ArgumentException("CategoricalDistribution: NaN is not a valid choice.", nameof(choices));
            }

            for (int j = 0; j < i; j++)
            {
                if (Equals(_choices[j], c))
                {
                    throw new ArgumentException($"CategoricalDistribution: choice '{c}' appears twice; choices must be distinct.", nameof(choices));
                }
            }
        }
    }

    /// <summary>The choices in order.</summary>
    public IReadOnlyList<object?> Choices => _choices;

    /// <inheritdoc />
    public override bool IsSingle => _choices.Length == 1;

    /// <summary>The index of a choice, or -1.</summary>
    public int IndexOf(object? value)
    {
        for (int i = 0; i < _choices.Length; i++)
        {
            if (Equals(_choices[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override double ToInternal(object? value)
    {
        int i = IndexOf(value);
        return i >= 0
            ? i
            : throw new ArgumentException($"{Describe()}: value '{value}' is not one of the choices.", nameof(value));
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => _choices[(int)internalValue];

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < _choices.Length && internalValue == Math.Floor(internalValue);

    /// <inheritdoc />
    public override double ToUnit(double internalValue) => (Math.Clamp(Math.Round(internalValue), 0, _choices.Length - 1) + 0.5) / _choices.Length;

    /// <inheritdoc />
    public override double FromUnit(double unit) => Math.Min((int)(ClampUnit(unit) * _choices.Length), _choices.Length - 1);

    /// <inheritdoc />
    public override string Describe() =>
        $"CategoricalDistribution([{string.Join(", ", _choices.Select(c => c is null ? "null" : Convert.ToString(c, CultureInfo.InvariantCulture)))}])";

    /// <inheritdoc />
    public override bool Equals(ParameterDistribution? other) =>
        other is CategoricalDistribution c && c._choices.Length == _choices.Length && c._choices.Zip(_choices).All(p => Equals(p.First, p.Second));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(3);
        foreach (object? c in _choices)
        {
            h.Add(c);
        }

        return h.ToHashCode();
    }
}
