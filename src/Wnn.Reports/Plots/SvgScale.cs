using System.Globalization;

namespace Wnn.Reports.Plots;

/// <summary>Maps data values to pixels on a linear or base-10 log axis and chooses readable ticks.</summary>
internal sealed class SvgScale
{
    private readonly double _lo;
    private readonly double _hi;
    private readonly double _p0;
    private readonly double _p1;

    public SvgScale(IEnumerable<double> values, bool log, double p0, double p1, bool categorical = false, int categories = 0)
    {
        Log = log;
        _p0 = p0;
        _p1 = p1;
        double[] v = [.. values.Where(x => double.IsFinite(x) && (!log || x > 0)).Select(Forward)];
        if (categorical)
        {
            (_lo, _hi) = (-0.5, Math.Max(0, categories - 1) + 0.5);
            return;
        }

        double lo = v.Length == 0 ? 0 : v.Min(), hi = v.Length == 0 ? 1 : v.Max();
        if (hi - lo < 1e-12)
        {
            (lo, hi) = (lo - 0.5, hi + 0.5);
        }

        double pad = 0.04 * (hi - lo);
        (_lo, _hi) = (lo - pad, hi + pad);
    }

    public bool Log { get; }

    public double Map(double value)
    {
        double f = Forward(value);
        return _p0 + ((f - _lo) / (_hi - _lo) * (_p1 - _p0));
    }

    public bool Accepts(double value) => double.IsFinite(value) && (!Log || value > 0);

    /// <summary>Tick values (in data units) and their labels.</summary>
    public IEnumerable<(double Value, string Label)> Ticks(IReadOnlyList<string>? categories)
    {
        if (categories is not null)
        {
            for (int i = 0; i < categories.Count; i++)
            {
                yield return (i, categories[i]);
            }

            yield break;
        }

        if (Log)
        {
            int a = (int)Math.Floor(_lo), b = (int)Math.Ceiling(_hi);
            int[] mantissas = b - a <= 2 ? [1, 2, 5] : [1];
            for (int e = a; e <= b; e++)
            {
                foreach (int m in mantissas)
                {
                    double value = m * Math.Pow(10, e);
                    double f = Math.Log10(value);
                    if (f >= _lo && f <= _hi)
                    {
                        yield return (value, value.ToString("G3", CultureInfo.InvariantCulture));
                    }
                }
            }

            yield break;
        }

        double step = Nice((_hi - _lo) / 5);
        for (double t = Math.Ceiling(_lo / step) * step; t <= _hi + (step * 1e-9); t += step)
        {
            double r = Math.Abs(t) < step * 1e-9 ? 0 : t;
            yield return (r, r.ToString("G4", CultureInfo.InvariantCulture));
        }
    }

    private double Forward(double v) => Log ? Math.Log10(v) : v;

    private static double Nice(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
    }
}
