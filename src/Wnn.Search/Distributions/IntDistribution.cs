using System.Globalization;

namespace Wnn.Search;

/// <summary>An integer parameter in [low, high], optionally on a log scale or with a step.</summary>
public sealed class IntDistribution : ParameterDistribution
{
    private readonly int _cells;
    private readonly double _logLow;
    private readonly double _logHigh;

    /// <summary>Creates and validates an integer domain; low must be below high, log needs low &gt;= 1 and step 1, the step must divide the range.</summary>
    public IntDistribution(int low, int high, bool log = false, int step = 1)
    {
        if (low >= high)
        {
            throw new ArgumentException($"IntDistribution: low ({low}) must be less than high ({high}).", nameof(low));
        }

        if (step <= 0)
        {
            throw new ArgumentException($"IntDistribution: step must be a positive integer, got {step}.", nameof(step));
        }

        if (log && low < 1)
        {
            throw new ArgumentException($"IntDistribution: log scale needs low >= 1, got low = {low}.", nameof(low));
        }

        if (log && step != 1)
        {
            throw new ArgumentException($"IntDistribution: log scale needs step = 1, got step = {step}.", nameof(step));
        }

        long range = (long)high - low;
        if (range % step != 0)
        {
            throw new ArgumentException(
                $"IntDistribution: step {step} does not divide the range [{low}, {high}] (high - low = {range}); allowed: a step that divides {range}, or high = {low + (range / step * step)}.",
                nameof(step));
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
        _cells = checked((int)((range / step) + 1));
        _logLow = log ? Math.Log(low - 0.5) : 0;
        _logHigh = log ? Math.Log(high + 0.5) : 0;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public int Low { get; }

    /// <summary>Upper bound (inclusive).</summary>
    public int High { get; }

    /// <summary>True for a log-uniform domain.</summary>
    public bool Log { get; }

    /// <summary>Step between legal values.</summary>
    public int Step { get; }

    /// <summary>Number of legal values.</summary>
    public int Count => _cells;

    /// <inheritdoc />
    public override bool IsSingle => false;

    /// <inheritdoc />
    public override double ToInternal(object? value)
    {
        double v = value switch
        {
            int i => i,
            long l => l,
            double d when d == Math.Floor(d) => d,
            _ => throw new ArgumentException($"{Describe()}: value '{value}' is not an integer.", nameof(value)),
        };
        if (!Contains(v))
        {
            throw new ArgumentException($"{Describe()}: value {v.ToString(CultureInfo.InvariantCulture)} is outside the domain.", nameof(value));
        }

        return v;
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => (int)Math.Round(internalValue);

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        !double.IsNaN(internalValue) && internalValue >= Low && internalValue <= High
        && internalValue == Math.Floor(internalValue) && ((long)internalValue - Low) % Step == 0;

    /// <inheritdoc />
    public override double ToUnit(double internalValue)
    {
        if (Log)
        {
            return Math.Clamp((Math.Log(internalValue) - _logLow) / (_logHigh - _logLow), 0, 1);
        }

        double idx = Math.Clamp(Math.Round((internalValue - Low) / Step), 0, _cells - 1);
        return (idx + 0.5) / _cells;
    }

    /// <inheritdoc />
    public override double FromUnit(double unit)
    {
        unit = ClampUnit(unit);
        if (Log)
        {
            return Math.Clamp(Math.Round(Math.Exp(_logLow + (unit * (_logHigh - _logLow)))), Low, High);
        }

        int idx = Math.Min((int)(unit * _cells), _cells - 1);
        return Low + ((double)idx * Step);
    }

    /// <summary>Snaps an arbitrary number to the nearest legal value.</summary>
    public double Snap(double value)
    {
        value = Math.Clamp(double.IsNaN(value) ? Low : value, Low, High);
        return Math.Min(Low + (Math.Round((value - Low) / Step) * Step), High);
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"IntDistribution(low={Low}, high={High}{(Log ? ", log" : string.Empty)}{(Step != 1 ? $", step={Step}" : string.Empty)})";

    /// <inheritdoc />
    public override bool Equals(ParameterDistribution? other) =>
        other is IntDistribution d && d.Low == Low && d.High == High && d.Log == Log && d.Step == Step;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(2, Low, High, Log, Step);
}
