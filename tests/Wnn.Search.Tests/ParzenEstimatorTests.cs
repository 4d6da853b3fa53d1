using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class ParzenEstimatorTests
{
    private static double TruncatedNormalPdf(double x, double mu, double sigma, double low, double high)
    {
        double z = (x - mu) / sigma;
        double mass = NormalMath.Cdf((high - mu) / sigma) - NormalMath.Cdf((low - mu) / sigma);
        return Math.Exp(-0.5 * z * z) / (sigma * Math.Sqrt(2 * Math.PI) * mass);
    }

    [Fact]
    public void Kernel_widths_count_the_prior_centre_as_a_neighbour_as_optuna_and_hyperopt_do()
    {
        // Observations 1 and 2 in [0, 10], prior centre 5. Sorted points 1, 2, 5: the outer points take their inner gap
        // (1 → 1, 5 → 3), 2 takes max(1, 3) = 3; the magic clip raises widths below 10 / (1 + 3) = 2.5; the prior's is 10.
        var estimator = new ParzenEstimator([new FloatDistribution(0, 10)], [[1.0, 2.0]], [1.0, 1.0], new TpeOptions { WidthWeighting = 0 });
        double[] xs = [0.5, 2.0, 3.7, 9.0];
        double[] got = estimator.LogPdf([.. xs.Select(x => new[] { x })]);
        for (int i = 0; i < xs.Length; i++)
        {
            double x = xs[i];
            double want = Math.Log((TruncatedNormalPdf(x, 1, 2.5, 0, 10) + TruncatedNormalPdf(x, 2, 3, 0, 10) + TruncatedNormalPdf(x, 5, 10, 0, 10)) / 3);
            Assert.Equal(want, got[i], 5);
        }
    }
}
