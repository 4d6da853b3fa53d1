using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Demo;

/// <summary>A one-hidden-layer tanh MLP with a softmax over two classes, trained by full-batch gradient descent (plain C#, seeded).</summary>
public sealed class TinyMlp
{
    private readonly int _hidden;
    private readonly double[] _w1; // [hidden, 2]
    private readonly double[] _b1;
    private readonly double[] _w2; // [2, hidden]
    private readonly double[] _b2 = new double[2];

    /// <summary>Creates a network with Xavier-scaled random weights.</summary>
    public TinyMlp(int hidden, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        _hidden = hidden;
        var random = new SearchRandom(seed);
        _w1 = [.. Enumerable.Range(0, hidden * 2).Select(_ => random.NextDouble(-1, 1) * Math.Sqrt(3.0 / 2))];
        _b1 = new double[hidden];
        _w2 = [.. Enumerable.Range(0, 2 * hidden).Select(_ => random.NextDouble(-1, 1) * Math.Sqrt(3.0 / hidden))];
    }

    /// <summary>One full-batch gradient step with learning rate lr; returns the mean cross-entropy before the step.</summary>
    public double Step(double[][] x, int[] y, double lr)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var gw1 = new double[_w1.Length];
        var gb1 = new double[_hidden];
        var gw2 = new double[_w2.Length];
        var gb2 = new double[2];
        var h = new double[_hidden];
        double loss = 0;
        for (int n = 0; n < x.Length; n++)
        {
            (double p0, double p1) = Forward(x[n], h);
            loss -= Math.Log(Math.Max(y[n] == 0 ? p0 : p1, 1e-12));
            double d0 = p0 - (y[n] == 0 ? 1 : 0), d1 = p1 - (y[n] == 1 ? 1 : 0);
            gb2[0] += d0;
            gb2[1] += d1;
            for (int j = 0; j < _hidden; j++)
            {
                gw2[j] += d0 * h[j];
                gw2[_hidden + j] += d1 * h[j];
                double dh = ((d0 * _w2[j]) + (d1 * _w2[_hidden + j])) * (1 - (h[j] * h[j]));
                gb1[j] += dh;
                gw1[2 * j] += dh * x[n][0];
                gw1[(2 * j) + 1] += dh * x[n][1];
            }
        }

        double scale = lr / x.Length;
        for (int i = 0; i < _w1.Length; i++)
        {
            _w1[i] -= scale * gw1[i];
        }

        for (int i = 0; i < _hidden; i++)
        {
            _b1[i] -= scale * gb1[i];
        }

        for (int i = 0; i < _w2.Length; i++)
        {
            _w2[i] -= scale * gw2[i];
        }

        _b2[0] -= scale * gb2[0];
        _b2[1] -= scale * gb2[1];
        return loss / x.Length;
    }

    /// <summary>Accuracy and mean cross-entropy on a data set.</summary>
    public (double Accuracy, double Loss) Evaluate(double[][] x, int[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var h = new double[_hidden];
        int correct = 0;
        double loss = 0;
        for (int n = 0; n < x.Length; n++)
        {
            (double p0, double p1) = Forward(x[n], h);
            correct += (p1 > p0 ? 1 : 0) == y[n] ? 1 : 0;
            loss -= Math.Log(Math.Max(y[n] == 0 ? p0 : p1, 1e-12));
        }

        return ((double)correct / x.Length, loss / x.Length);
    }

    private (double P0, double P1) Forward(double[] x, double[] h)
    {
        double z0 = _b2[0], z1 = _b2[1];
        for (int j = 0; j < _hidden; j++)
        {
            h[j] = Math.Tanh((_w1[2 * j] * x[0]) + (_w1[(2 * j) + 1] * x[1]) + _b1[j]);
            z0 += _w2[j] * h[j];
            z1 += _w2[_hidden + j] * h[j];
        }

        double m = Math.Max(z0, z1);
        double e0 = Math.Exp(z0 - m), e1 = Math.Exp(z1 - m);
        return (e0 / (e0 + e1), e1 / (e0 + e1));
    }
}
