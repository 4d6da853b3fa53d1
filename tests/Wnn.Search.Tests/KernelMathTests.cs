using Wnn.Search;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

public sealed class KernelMathTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(1001)]
    public void Vector_kernel_loops_match_their_scalar_references(int n)
    {
        var random = new SearchRandom(n);
        double[] mu = new double[n], inv = new double[n], c = new double[n], a = new double[n], b = new double[n];
        for (int k = 0; k < n; k++)
        {
            mu[k] = random.NextDouble(-5, 5);
            inv[k] = 1 / random.NextDouble(0.01, 3);
            c[k] = random.NextDouble(-3, 1);
            a[k] = b[k] = random.NextDouble(-50, 0);
        }

        KernelMath.AddGaussianLogPdf(0.7, mu, inv, c, a);
        KernelMath.AddGaussianLogPdfScalar(0.7, mu, inv, c, b);
        Assert.Equal(b, a);
        double vector = KernelMath.LogSumExp(a);
        double scalar = KernelMath.LogSumExpScalar(b);
        if (n == 0)
        {
            Assert.Equal(double.NegativeInfinity, vector);
        }
        else
        {
            Assert.Equal(scalar, vector, 1e-12 * Math.Max(1, Math.Abs(scalar)));
        }
    }

    [Fact]
    public void Normal_log_mass_stays_finite_far_in_the_tails()
    {
        Assert.Equal(Math.Log(0.6826894921370859), NormalMath.LogMass(-1, 1), 6);
        Assert.Equal(0.0, NormalMath.LogMass(-20, 20));
        double tail = NormalMath.LogMass(30, 31);
        Assert.True(double.IsFinite(tail) && tail < -400, $"log mass {tail}");
        Assert.Equal(NormalMath.LogMass(2, 3), NormalMath.LogMass(-3, -2), 12);
    }
}
