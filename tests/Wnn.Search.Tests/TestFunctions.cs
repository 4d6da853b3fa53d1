using Wnn.Search;

namespace Wnn.Search.Tests;

internal static class TestFunctions
{
    public static double Sphere(Trial t, int dims, double bound = 5)
    {
        double sum = 0;
        for (int i = 0; i < dims; i++)
        {
            double x = t.SuggestFloat($"x{i}", -bound, bound);
            sum += x * x;
        }

        return sum;
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] v = [.. values.Order()];
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[(v.Length / 2) - 1] + v[v.Length / 2]);
    }
}
