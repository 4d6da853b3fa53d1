using System.Globalization;

namespace Wnn.Search;

/// <summary>
/// Typed reads of user-facing parameter values (<see cref="Study.BestParams"/>, <see cref="FrozenTrial.Params"/>, <see cref="Trial.Params"/>),
/// which are stored as object: an int parameter comes back boxed as int, so <c>(double)p["layers"]</c> would throw.
/// </summary>
public static class ParameterValues
{
    /// <summary>The value as a double (int and long values are widened); throws naming the parameter when it is missing or not numeric.</summary>
    public static double GetDouble(this IReadOnlyDictionary<string, object?> parameters, string name) => Find(parameters, name) switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        var other => throw WrongType(name, other, "a number"),
    };

    /// <summary>The value as an int (a double only when it is a whole number within int range); throws naming the parameter otherwise.</summary>
    public static int GetInt(this IReadOnlyDictionary<string, object?> parameters, string name) => Find(parameters, name) switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        var other => throw WrongType(name, other, "a whole number"),
    };

    /// <summary>The value as T: the stored object when it is a T, else a numeric conversion (int ↔ double ↔ long, whole numbers only to integers); throws naming the parameter otherwise.</summary>
    public static T Get<T>(this IReadOnlyDictionary<string, object?> parameters, string name)
    {
        object? value = Find(parameters, name);
        if (value is T typed)
        {
            return typed;
        }

        if (typeof(T) == typeof(double))
        {
            return (T)(object)parameters.GetDouble(name);
        }

        if (typeof(T) == typeof(int))
        {
            return (T)(object)parameters.GetInt(name);
        }

        if (typeof(T) == typeof(long) && value is int or double)
        {
            double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            return d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue ? (T)(object)(long)d : throw WrongType(name, value, "a whole number");
        }

        if (value is null && default(T) is null)
        {
            return default!;
        }

        throw WrongType(name, value, typeof(T).Name);
    }

    private static object? Find(IReadOnlyDictionary<string, object?> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(name);
        return parameters.TryGetValue(name, out object? value)
            ? value
            : throw new KeyNotFoundException($"No parameter '{name}'; the parameters are: {(parameters.Count == 0 ? "(none)" : string.Join(", ", parameters.Keys))}.");
    }

    private static InvalidCastException WrongType(string name, object? value, string wanted) =>
        new($"Parameter '{name}' is {(value is null ? "null" : $"{Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})")}, not {wanted}.");
}
