namespace Wnn.Benchmarks.Peers;

/// <summary>
/// The objective functions that benchmarks/peers/problems.json names, implemented here and in optuna_bench.py
/// (`peers check-points` compares both). Arguments: parameter values in problem order (categorical: the choice's index,
/// inactive conditional parameter: NaN); results: one value per objective, minimized.
/// </summary>
public static class PeerFunctions
{
    private static readonly double[] MixedOffsets = [1.0, 0.0, 0.5, 2.0];

    /// <summary>sum x_i^2; minimum 0 at the origin.</summary>
    public static double Sphere(double[] x) => x.Sum(v => v * v);

    /// <summary>sum 10^(6 i / (d - 1)) x_i^2 (condition number 1e6); minimum 0 at the origin.</summary>
    public static double Ellipsoid(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Pow(10, 6.0 * i / (x.Length - 1)) * x[i] * x[i];
        }

        return s;
    }

    /// <summary>sum 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2; minimum 0 at (1, ..., 1).</summary>
    public static double Rosenbrock(double[] x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - (x[i] * x[i]);
            double b = 1 - x[i];
            s += (100 * a * a) + (b * b);
        }

        return s;
    }

    /// <summary>10 d + sum x_i^2 - 10 cos(2 pi x_i); minimum 0 at the origin.</summary>
    public static double Rastrigin(double[] x) => (10.0 * x.Length) + x.Sum(v => (v * v) - (10 * Math.Cos(2 * Math.PI * v)));

    /// <summary>-20 exp(-0.2 sqrt(mean x^2)) - exp(mean cos(2 pi x)) + 20 + e; minimum 0 at the origin.</summary>
    public static double Ackley(double[] x)
    {
        double sq = x.Sum(v => v * v) / x.Length;
        double cos = x.Sum(v => Math.Cos(2 * Math.PI * v)) / x.Length;
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(sq))) - Math.Exp(cos) + 20 + Math.E;
    }

    /// <summary>0.5 sum x^4 - 16 x^2 + 5 x; minimum about -39.16617 d at x_i = -2.903534.</summary>
    public static double StyblinskiTang(double[] x) => 0.5 * x.Sum(v => (v * v * v * v) - (16 * v * v) + (5 * v));

    /// <summary>Branin-Hoo; minimum 0.397887 (three places).</summary>
    public static double Branin(double[] x)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI);
        const double c = 5 / Math.PI;
        const double t = 1 / (8 * Math.PI);
        double a = x[1] - (b * x[0] * x[0]) + (c * x[0]) - 6;
        return (a * a) + (10 * (1 - t) * Math.Cos(x[0])) + 10;
    }

    /// <summary>Hartmann 6-d on [0, 1]^6; minimum about -3.32237.</summary>
    public static double Hartmann6(double[] x) => Wnn.Search.TestProblems.TestProblemCatalog.Hartmann6(x);

    /// <summary>
    /// (x - 1.5)^2 + (log10 lr + 2.5)^2 + (units - 7)^2 / 4 + |layers - 3| + offset[kind] with offsets a 1, b 0, c 0.5, d 2;
    /// minimum 0 at x 1.5, lr 10^-2.5, units 7, layers 3, kind b.
    /// </summary>
    public static double Mixed(double[] x)
    {
        double lr = Math.Log10(x[1]) + 2.5;
        double units = x[2] - 7;
        return ((x[0] - 1.5) * (x[0] - 1.5)) + (lr * lr) + (units * units / 4) + Math.Abs(x[3] - 3) + MixedOffsets[(int)x[4]];
    }

    /// <summary>ZDT1 (convex front) or ZDT2 (concave front): f1 = x1, g = 1 + 9 mean(x2..xn), f2 = g (1 - (f1/g)^(1/2 or 2)).</summary>
    public static double[] Zdt(double[] x, bool concave)
    {
        double g = 1 + (9 * x.Skip(1).Sum() / (x.Length - 1));
        double r = x[0] / g;
        return [x[0], g * (1 - (concave ? r * r : Math.Sqrt(r)))];
    }

    private static readonly double[] MlpLr = [-1.0, -3.0, -3.5];
    private static readonly double[] MlpOptimizer = [0.05, 0.0, 0.02];
    private static readonly double[] MlpActivation = [0.02, 0.06, 0.0];

    /// <summary>The functions by name.</summary>
    public static IReadOnlyDictionary<string, Func<double[], double[]>> ByName { get; } = new Dictionary<string, Func<double[], double[]>>
    {
        ["sphere"] = x => [Sphere(x)],
        ["ellipsoid"] = x => [Ellipsoid(x)],
        ["rotated-ellipsoid"] = x => [Ellipsoid(Rotated(x))],
        ["bent-cigar"] = x => [(x[0] * x[0]) + (1e6 * x.Skip(1).Sum(v => v * v))],
        ["discus"] = x => [(1e6 * x[0] * x[0]) + x.Skip(1).Sum(v => v * v)],
        ["rosenbrock"] = x => [Rosenbrock(x)],
        ["rastrigin"] = x => [Rastrigin(x)],
        ["ackley"] = x => [Ackley(x)],
        ["griewank"] = x => [Griewank(x)],
        ["schwefel"] = x => [(418.9828872724339 * x.Length) - x.Sum(v => v * Math.Sin(Math.Sqrt(Math.Abs(v))))],
        ["levy"] = x => [Levy(x)],
        ["michalewicz"] = x => [-x.Select((v, i) => Math.Sin(v) * Math.Pow(Math.Sin((i + 1) * v * v / Math.PI), 20)).Sum()],
        ["styblinski-tang"] = x => [StyblinskiTang(x)],
        ["branin"] = x => [Branin(x)],
        ["hartmann6"] = x => [Hartmann6(x)],
        ["mixed"] = x => [Mixed(x)],
        ["shifted-sphere"] = x => [x.Select((v, i) => Math.Pow(v - ((((7 * i) + 3) % 15) - 7), 2)).Sum()],
        ["log-rosenbrock"] = x => [Rosenbrock([.. x.Select(Math.Log10)])],
        ["categorical-grid"] = x => [CategoricalGrid(x)],
        ["mlp-surrogate"] = x => [MlpSurrogate(x)],
        ["conditional"] = x => [Conditional(x)],
        ["conditional-nested"] = x => [ConditionalNested(x)],
        ["zdt1"] = x => Zdt(x, concave: false),
        ["zdt2"] = x => Zdt(x, concave: true),
    };

    /// <summary>Householder reflection I - 2 v vᵀ / (vᵀ v) with v = (1, 2, ..., d): a fixed rotation.</summary>
    public static double[] Rotated(double[] x)
    {
        double vv = 0, vx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            vv += (i + 1.0) * (i + 1.0);
            vx += (i + 1.0) * x[i];
        }

        return [.. x.Select((v, i) => v - (2 * (i + 1.0) * vx / vv))];
    }

    /// <summary>1 + sum x²/4000 - prod cos(x_i / sqrt(i + 1)); minimum 0 at the origin.</summary>
    public static double Griewank(double[] x)
    {
        double prod = 1;
        for (int i = 0; i < x.Length; i++)
        {
            prod *= Math.Cos(x[i] / Math.Sqrt(i + 1));
        }

        return 1 + (x.Sum(v => v * v) / 4000) - prod;
    }

    /// <summary>Levy; minimum 0 at (1, ..., 1).</summary>
    public static double Levy(double[] x)
    {
        double[] w = [.. x.Select(v => 1 + ((v - 1) / 4))];
        double s = Math.Pow(Math.Sin(Math.PI * w[0]), 2);
        for (int i = 0; i < w.Length - 1; i++)
        {
            s += Math.Pow(w[i] - 1, 2) * (1 + (10 * Math.Pow(Math.Sin((Math.PI * w[i]) + 1), 2)));
        }

        return s + (Math.Pow(w[^1] - 1, 2) * (1 + Math.Pow(Math.Sin(2 * Math.PI * w[^1]), 2)));
    }

    /// <summary>Five categorical choices and one float, with an interaction between c1 and c2.</summary>
    public static double CategoricalGrid(double[] x)
    {
        int[] k = [.. x.Take(5).Select(v => (int)v)];
        double s = 0;
        for (int i = 0; i < 5; i++)
        {
            s += (i + (2 * k[i])) % 5;
        }

        return s + Math.Pow(x[5] - (0.5 * k[0]) + 1, 2) + (k[1] == k[2] ? 0.0 : 1.5);
    }

    /// <summary>A training-run-like loss over lr, batch, dropout, layers, units, optimizer, activation (the best lr depends on the optimizer).</summary>
    public static double MlpSurrogate(double[] x)
    {
        int opt = (int)x[5];
        double d = Math.Log10(x[0]) - MlpLr[opt];
        return 0.25 + (0.1 * d * d) + (0.03 * Math.Pow(Math.Log2(x[1]) - 6.5 - (0.5 * d), 2)) + (0.2 * Math.Pow(x[2] - (0.1 * x[3]), 2))
            + (0.02 * Math.Pow(x[3] - 3, 2)) + (0.05 * Math.Pow(Math.Log2(x[4]) - 8, 2)) + (0.03 * Math.Pow(Math.Sin(2 * Math.Log2(x[4])), 2))
            + MlpOptimizer[opt] + MlpActivation[(int)x[6]];
    }

    /// <summary>model ∈ {linear (alpha), tree (depth, leaf), net (lr, width, dropout)}; minimum 0.1 (net).</summary>
    public static double Conditional(double[] x) => (int)x[0] switch
    {
        0 => 0.6 + (0.05 * Math.Pow(Math.Log10(x[1]) + 2, 2)),
        1 => 0.3 + (0.01 * Math.Pow(x[2] - 8, 2)) + (0.5 * Math.Pow(x[3] - 0.3, 2)),
        _ => 0.1 + (0.1 * Math.Pow(Math.Log10(x[4]) + 3, 2)) + (0.05 * Math.Pow(Math.Log2(x[5]) - 7, 2)) + (0.4 * Math.Pow(x[6] - 0.2, 2)),
    };

    /// <summary>branch a (x0, a1, a2; minimum 0) or b (x0, b1, b2; minimum 1).</summary>
    public static double ConditionalNested(double[] x) => (int)x[0] == 0
        ? Math.Pow(x[1] - 1, 2) + Math.Pow(x[2] + 2, 2) + (x[3] * x[3]) - (2 * Math.Cos(2 * Math.PI * x[3])) + 2
        : 1 + (Math.Pow(x[1] + 1, 2) / 4) + (Math.Pow(x[4] - 7, 2) / 10) + Math.Pow(Math.Log10(x[5]) - 1, 2);
}
