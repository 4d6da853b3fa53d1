using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Demo;

/// <summary>Two-class 2-D toy data sets for the built-in demo sweep: interleaved spirals and half moons (seeded, with noise).</summary>
public static class DemoProblem
{
    /// <summary>The known problem names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["spirals", "moons"];

    /// <summary>Generates n points (half per class): features [n, 2] and labels 0/1.</summary>
    public static (double[][] X, int[] Y) Generate(string name, int n, long seed)
    {
        var random = new SearchRandom(seed);
        var x = new double[n][];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = i % 2;
            y[i] = c;
            double u = random.NextDouble();
            switch (name)
            {
                case "spirals":
                    double t = Math.Sqrt(0.05 + (0.95 * u)) * 3 * Math.PI;
                    double r = t / (3 * Math.PI);
                    double angle = t + (c * Math.PI);
                    x[i] = [(r * Math.Cos(angle)) + (0.03 * Gauss(random)), (r * Math.Sin(angle)) + (0.03 * Gauss(random))];
                    break;
                case "moons":
                    double theta = u * Math.PI;
                    x[i] = c == 0
                        ? [Math.Cos(theta) + (0.1 * Gauss(random)), Math.Sin(theta) + (0.1 * Gauss(random))]
                        : [1 - Math.Cos(theta) + (0.1 * Gauss(random)), 0.5 - Math.Sin(theta) + (0.1 * Gauss(random))];
                    break;
                default:
                    throw new ArgumentException($"unknown problem '{name}'; known: {string.Join(", ", Names)}", nameof(name));
            }
        }

        return (x, y);
    }

    private static double Gauss(SearchRandom random)
    {
        double u1 = Math.Max(random.NextDouble(), 1e-12), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
