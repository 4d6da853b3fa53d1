namespace Wnn.Benchmarks.Peers;

/// <summary>The problems of the peer comparison. benchmarks/peers/optuna_bench.py defines the same ones; `peers points` checks that they agree.</summary>
public static class PeerProblems
{
    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    private static readonly double[] MixedOffsets = [1.0, 0.0, 0.5, 2.0];

    /// <summary>All problems, in report order.</summary>
    public static IReadOnlyList<PeerProblem> All { get; } =
    [
        Box("sphere-2", 100, 2, -5, 5, Sphere),
        Box("sphere-10", 200, 10, -5, 5, Sphere),
        Box("ellipsoid-6", 200, 6, -5, 5, Ellipsoid),
        Box("rosenbrock-2", 150, 2, -5, 10, Rosenbrock),
        Box("rosenbrock-6", 200, 6, -5, 10, Rosenbrock),
        Box("rastrigin-2", 100, 2, -5.12, 5.12, Rastrigin),
        Box("rastrigin-8", 200, 8, -5.12, 5.12, Rastrigin),
        Box("ackley-2", 100, 2, -32.768, 32.768, Ackley),
        Box("ackley-6", 200, 6, -32.768, 32.768, Ackley),
        Box("styblinski-tang-4", 150, 4, -5, 5, StyblinskiTang),
        Box("styblinski-tang-10", 200, 10, -5, 5, StyblinskiTang),
        new("branin", 50, [PeerParameter.Float("x0", -5, 10), PeerParameter.Float("x1", 0, 15)], x => [Branin(x)]),
        Box("hartmann-6", 200, 6, 0, 1, Hartmann6),
        new(
            "mixed",
            100,
            [
                PeerParameter.Float("x", -5, 5),
                PeerParameter.Float("lr", 1e-4, 1, log: true),
                PeerParameter.Int("units", 0, 20),
                PeerParameter.Int("layers", 1, 8),
                PeerParameter.Categorical("kind", "a", "b", "c", "d"),
            ],
            x => [Mixed(x)]),
        new("zdt1-5", 200, Unit(5), x => Zdt(x, concave: false), [1.1, 1.1]),
        new("zdt2-5", 200, Unit(5), x => Zdt(x, concave: true), [1.1, 1.1]),
    ];

    /// <summary>The problem with this name.</summary>
    public static PeerProblem Get(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"Unknown problem '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

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
    public static double Hartmann6(double[] x)
    {
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
            {
                double d = x[j] - HartmannP[i, j];
                inner += HartmannA[i, j] * d * d;
            }

            s += HartmannAlpha[i] * Math.Exp(-inner);
        }

        return -s;
    }

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

    private static PeerProblem Box(string name, int budget, int dims, double low, double high, Func<double[], double> f) =>
        new(name, budget, [.. Enumerable.Range(0, dims).Select(i => PeerParameter.Float($"x{i}", low, high))], x => [f(x)]);

    private static PeerParameter[] Unit(int dims) => [.. Enumerable.Range(0, dims).Select(i => PeerParameter.Float($"x{i}", 0, 1))];
}
