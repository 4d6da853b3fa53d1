namespace Wnn.Search;

/// <summary>
/// The unit scale with the range's ends at exactly 0 and 1: (x − low) / (high − low), in log space for a log parameter.
/// Unlike <see cref="ParameterDistribution.ToUnit"/> (cell centres for int and stepped parameters, as the samplers need), a
/// point maps back to the nearest legal value (int and stepped values rounded to the step). Categoricals have no such
/// scale: <see cref="ToUnit"/> gives their choice's index over (n − 1).
/// </summary>
public static class EndpointScale
{
    /// <summary>The unit position of an internal value.</summary>
    public static double ToUnit(ParameterDistribution distribution, double internalValue) => distribution switch
    {
        FloatDistribution { Log: true } f => Scale(Math.Log(internalValue), Math.Log(f.Low), Math.Log(f.High)),
        FloatDistribution f => Scale(internalValue, f.Low, f.High),
        IntDistribution { Log: true } i => Scale(Math.Log(internalValue), Math.Log(i.Low), Math.Log(i.High)),
        IntDistribution i => Scale(internalValue, i.Low, i.High),
        CategoricalDistribution c => c.Choices.Count > 1 ? internalValue / (c.Choices.Count - 1) : 0,
        null => throw new ArgumentNullException(nameof(distribution)),
        _ => Math.Clamp(distribution.ToUnit(internalValue), 0, 1),
    };

    /// <summary>The legal internal value nearest to a unit position (clamped to [0, 1]).</summary>
    public static double FromUnit(ParameterDistribution distribution, double unit)
    {
        unit = Math.Clamp(double.IsNaN(unit) ? 0 : unit, 0, 1);
        switch (distribution)
        {
            case FloatDistribution f:
                double v = f.Log ? Math.Exp(Math.Log(f.Low) + (unit * (Math.Log(f.High) - Math.Log(f.Low)))) : f.Low + (unit * (f.High - f.Low));
                if (f.Step is double s)
                {
                    v = f.Low + (Math.Round((v - f.Low) / s) * s);
                }

                return Math.Clamp(v, f.Low, f.High);
            case IntDistribution i:
                double x = i.Log ? Math.Exp(Math.Log(i.Low) + (unit * (Math.Log(i.High) - Math.Log(i.Low)))) : i.Low + (unit * (i.High - i.Low));
                return i.Snap(x);
            case CategoricalDistribution c:
                return Math.Round(unit * (c.Choices.Count - 1));
            case null:
                throw new ArgumentNullException(nameof(distribution));
            default:
                return distribution.FromUnit(unit);
        }
    }

    private static double Scale(double x, double low, double high) => high > low ? Math.Clamp((x - low) / (high - low), 0, 1) : 0;
}
