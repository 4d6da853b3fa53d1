namespace Wnn.Search;

/// <summary>A real parameter in [low, high], optionally on a log scale or on a grid of the given step.</summary>
public sealed class FloatDistribution : ParameterDistribution
{
    private readonly int _cells;

    /// <summary>Creates and validates a float domain; low must be below high, log needs low &gt; 0, a step must divide the range.</summary>
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
    {
        RequireFinite(low, nameof(low), "FloatDistribution");
        RequireFinite(high, nameof(high), "FloatDistribution");
        if (low >= high)
        {
            throw new ArgumentException($"FloatDistribution: low ({Format(low)}) must be less than high ({Format(high)}).", nameof(low));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException($"FloatDistribution: log scale needs low > 0, got low = {Format(low)}.", nameof(low));
        }

        if (step is double s)
        {
            if (log)
            {
                throw new ArgumentException("FloatDistribution: step and log cannot be combined; use either log: true or a step.", nameof(step));
            }

            if (!double.IsFinite(s) || s <= 0)
            {
                throw new ArgumentException($"FloatDistribution: step must be a positive finite number, got {Format(s)}.", nameof(step));
            }

            double n = (high - low) / s;
            double rounded = Math.Round(n);
            if (rounded < 1 || Math.Abs(n - rounded) > 1e-8 * Math.Max(1.0, n))
            {
                throw new ArgumentException(
                    $"FloatDistribution: step {Format(s)} does not divide the range [{Format(low)}, {Format(high)}] (range/step = {Format(n)}); allowed: a step s such that (high - low) / s is a whole number, e.g. {Format((high - low) / Math.Max(1, Math.Floor(n)))}.",
                    nameof(step));
            }

            _cells = (int)rounded + 1;
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public double Low { get; }

    /// <summary>Upper bound (inclusive).</summary>
    public double High { get; }

    /// <summary>True for a log-uniform domain.</summary>
    public bool Log { get; }

    /// <summary>Grid step, or null for a continuous domain.</summary>
    public double? Step { get; }

    /// <inheritdoc />
    public override bool IsSingle => false;

    /// <inheritdoc />
    public override double ToInternal(object? value)
    {
        double v = value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => throw new ArgumentException($"{Describe()}: value '{value}' is not a number.", nameof(value)),
        };
        if (!Contains(v))
        {
            throw new ArgumentException($"{Describe()}: value {Format(v)} is outside the domain.", nameof(value));
        }

        return v;
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => internalValue;

    /// <inheritdoc />
    public override bool Contains(double internalValue)
    {
        if (double.IsNaN(internalValue) || internalValue < Low || internalValue > High)
        {
            return false;
        }

        if (Step is double s)
        {
            double k = (internalValue - Low) / s;
            return Math.Abs(k - Math.Round(k)) < 1e-8 * Math.Max(1.0, k);
        }

        return true;
    }

    /// <inheritdoc />
    public override double ToUnit(double internalValue)
    {
        if (Step is double s)
        {
            double idx = Math.Clamp(Math.Round((internalValue - Low) / s), 0, _cells - 1);
            return (idx + 0.5) / _cells;
        }

        return Log
            ? Math.Clamp((Math.Log(internalValue) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low)), 0, 1)
            : Math.Clamp((internalValue - Low) / (High - Low), 0, 1);
    }

    /// <inheritdoc />
    public override double FromUnit(double unit)
    {
        unit = ClampUnit(unit);
        if (Step is double s)
        {
            int idx = Math.Min((int)(unit * _cells), _cells - 1);
            return Math.Min(Low + (idx * s), High);
        }

        double v = Log ? Math.Exp(Math.Log(Low) + (unit * (Math.Log(High) - Math.Log(Low)))) : Low + (unit * (High - Low));
        return Math.Clamp(v, Low, High);
    }

    /// <summary>Snaps an arbitrary number to the nearest legal internal value.</summary>
    public double Snap(double value)
    {
        value = Math.Clamp(double.IsNaN(value) ? Low : value, Low, High);
        return Step is double s ? Math.Min(Low + (Math.Round((value - Low) / s) * s), High) : value;
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"FloatDistribution(low={Format(Low)}, high={Format(High)}{(Log ? ", log" : string.Empty)}{(Step is double s ? $", step={Format(s)}" : string.Empty)})";

    /// <inheritdoc />
    public override bool Equals(ParameterDistribution? other) =>
        other is FloatDistribution f && f.Low.Equals(Low) && f.High.Equals(High) && f.Log == Log && Nullable.Equals(f.Step, Step);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(1, Low, High, Log, Step);
}
