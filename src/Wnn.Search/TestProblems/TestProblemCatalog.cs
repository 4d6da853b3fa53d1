namespace Wnn.Search.TestProblems;

/// <summary>The built-in test problems: sphere, ellipsoid, rosenbrock, rastrigin, ackley, styblinski-tang (any dimension), branin (2), hartmann6 (6) and zdt1 (two objectives).</summary>
public static class TestProblemCatalog
{
    private static readonly StudyDirection[] Minimize = [StudyDirection.Minimize];

    // Hartmann-6 constants (Dixon & Szegő test set).
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

    /// <summary>All problem names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sphere", "ellipsoid", "rosenbrock", "rastrigin", "ackley", "styblinski-tang", "branin", "hartmann6", "zdt1"];

    /// <summary>Creates a problem; dimensions null means the problem's default (5, or its fixed size). Throws <see cref="ArgumentException"/> for an unknown name or an unsupported dimension.</summary>
    public static TestProblem Create(string name, int? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        int fixedDims = name switch { "branin" => 2, "hartmann6" => 6, _ => 0 };
        if (fixedDims > 0 && dimensions is int fd && fd != fixedDims)
        {
            throw new ArgumentException($"Test problem '{name}' has exactly {fixedDims} dimensions, not {fd}.", nameof(dimensions));
        }

        int d = dimensions ?? (fixedDims > 0 ? fixedDims : 5);
        int minDims = name is "rosenbrock" or "zdt1" ? 2 : 1;
        if (d < minDims || d > 1000)
        {
            throw new ArgumentException($"Test problem '{name}' needs between {minDims} and 1000 dimensions, got {d}.", nameof(dimensions));
        }

        return name switch
        {
            "sphere" => Single(name, d, 0, Box(d, -5, 5, x => x.Sum(v => v * v))),
            "ellipsoid" => Single(name, d, 0, Box(d, -5, 5, x => Enumerable.Range(0, d).Sum(i => Math.Pow(10, d == 1 ? 0 : 6.0 * i / (d - 1)) * x[i] * x[i]))),
            "rosenbrock" => Single(name, d, 0, Box(d, -2.048, 2.048, Rosenbrock)),
            "rastrigin" => Single(name, d, 0, Box(d, -5.12, 5.12, x => (10 * d) + x.Sum(v => (v * v) - (10 * Math.Cos(2 * Math.PI * v))))),
            "ackley" => Single(name, d, 0, Box(d, -32.768, 32.768, Ackley)),
            "styblinski-tang" => Single(name, d, -39.16616570377142 * d, Box(d, -5, 5, x => x.Sum(v => (Math.Pow(v, 4) - (16 * v * v) + (5 * v)) / 2))),
            "branin" => Single(name, 2, 0.39788735772973816, Branin),
            "hartmann6" => Single(name, 6, -3.3223680114155147, Box(6, 0, 1, Hartmann6)),
            "zdt1" => new TestProblem(name, d, [StudyDirection.Minimize, StudyDirection.Minimize], null, t => Zdt1(t, d)) { HypervolumeReference = [1.1, 11] },
            _ => throw new ArgumentException($"Unknown test problem '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>Hartmann-6 at a point of [0, 1]^6 (exposed for tests).</summary>
    public static double Hartmann6(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
            {
                inner += HartmannA[i, j] * (x[j] - HartmannP[i, j]) * (x[j] - HartmannP[i, j]);
            }

            sum += HartmannAlpha[i] * Math.Exp(-inner);
        }

        return -sum;
    }

    private static TestProblem Single(string name, int d, double optimum, Func<Trial, double> f) =>
        new(name, d, Minimize, optimum, t => [f(t)]);

    private static Func<Trial, double> Box(int d, double low, double high, Func<double[], double> f) => t =>
    {
        double[] x = new double[d];
        for (int i = 0; i < d; i++)
        {
            x[i] = t.SuggestFloat($"x{i}", low, high);
        }

        return f(x);
    };

    private static double Rosenbrock(double[] x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            s += (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2);
        }

        return s;
    }

    private static double Ackley(double[] x)
    {
        int d = x.Length;
        double sq = x.Sum(v => v * v) / d;
        double cos = x.Sum(v => Math.Cos(2 * Math.PI * v)) / d;
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(sq))) - Math.Exp(cos) + 20 + Math.E;
    }

    private static double Branin(Trial t)
    {
        double x1 = t.SuggestFloat("x0", -5, 10);
        double x2 = t.SuggestFloat("x1", 0, 15);
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, tt = 1 / (8 * Math.PI);
        return Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - tt) * Math.Cos(x1)) + 10;
    }

    private static double[] Zdt1(Trial t, int d)
    {
        double x0 = t.SuggestFloat("x0", 0, 1);
        double sum = 0;
        for (int i = 1; i < d; i++)
        {
            sum += t.SuggestFloat($"x{i}", 0, 1);
        }

        double g = 1 + (9 * sum / (d - 1));
        return [x0, g * (1 - Math.Sqrt(x0 / g))];
    }
}
