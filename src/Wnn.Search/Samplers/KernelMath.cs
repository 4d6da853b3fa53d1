using System.Runtime.Intrinsics;

namespace Wnn.Search.Samplers;

/// <summary>The hot loops of the Parzen estimators, with 512/256/128-bit paths and the scalar references they are tested against.</summary>
internal static class KernelMath
{
    /// <summary>acc[k] += -0.5 · ((x - mu[k]) · invSigma[k])² + logConst[k] for every kernel k (element-wise: every width gives the scalar result).</summary>
    public static void AddGaussianLogPdf(double x, double[] mu, double[] invSigma, double[] logConst, double[] acc)
    {
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vx = Vector512.Create(x);
            var half = Vector512.Create(-0.5);
            for (; k <= acc.Length - Vector512<double>.Count; k += Vector512<double>.Count)
            {
                Vector512<double> z = (vx - Vector512.LoadUnsafe(ref mu[k])) * Vector512.LoadUnsafe(ref invSigma[k]);
                Vector512<double> r = Vector512.LoadUnsafe(ref acc[k]) + ((half * z * z) + Vector512.LoadUnsafe(ref logConst[k]));
                r.StoreUnsafe(ref acc[k]);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x);
            var half = Vector256.Create(-0.5);
            for (; k <= acc.Length - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                Vector256<double> z = (vx - Vector256.LoadUnsafe(ref mu[k])) * Vector256.LoadUnsafe(ref invSigma[k]);
                Vector256<double> r = Vector256.LoadUnsafe(ref acc[k]) + ((half * z * z) + Vector256.LoadUnsafe(ref logConst[k]));
                r.StoreUnsafe(ref acc[k]);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var vx = Vector128.Create(x);
            var half = Vector128.Create(-0.5);
            for (; k <= acc.Length - Vector128<double>.Count; k += Vector128<double>.Count)
            {
                Vector128<double> z = (vx - Vector128.LoadUnsafe(ref mu[k])) * Vector128.LoadUnsafe(ref invSigma[k]);
                Vector128<double> r = Vector128.LoadUnsafe(ref acc[k]) + ((half * z * z) + Vector128.LoadUnsafe(ref logConst[k]));
                r.StoreUnsafe(ref acc[k]);
            }
        }

        for (; k < acc.Length; k++)
        {
            double z = (x - mu[k]) * invSigma[k];
            acc[k] += (-0.5 * z * z) + logConst[k];
        }
    }

    /// <summary>
    /// log Σ exp(values[k]), stable; -∞ for an empty or all -∞ input. The exponentials are summed in four 64-bit lanes over
    /// 256-bit chunks in order, also by the 512-bit path (each half in turn), so both give the same bits; without 256-bit
    /// vectors the sum is sequential.
    /// </summary>
    public static double LogSumExp(double[] values)
    {
        int n = values.Length;
        int k = 0;
        double max = double.NegativeInfinity;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            Vector512<double> vmax = Vector512.Create(double.NegativeInfinity);
            for (; k <= n - Vector512<double>.Count; k += Vector512<double>.Count)
            {
                vmax = Vector512.Max(vmax, Vector512.LoadUnsafe(ref values[k]));
            }

            for (int lane = 0; lane < Vector512<double>.Count; lane++)
            {
                max = Math.Max(max, vmax[lane]);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            Vector256<double> vmax = Vector256.Create(double.NegativeInfinity);
            for (; k <= n - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                vmax = Vector256.Max(vmax, Vector256.LoadUnsafe(ref values[k]));
            }

            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                max = Math.Max(max, vmax[lane]);
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<double>.Count)
        {
            Vector128<double> vmax = Vector128.Create(double.NegativeInfinity);
            for (; k <= n - Vector128<double>.Count; k += Vector128<double>.Count)
            {
                vmax = Vector128.Max(vmax, Vector128.LoadUnsafe(ref values[k]));
            }

            max = Math.Max(vmax[0], vmax[1]);
        }

        for (; k < n; k++)
        {
            max = Math.Max(max, values[k]);
        }

        if (double.IsNegativeInfinity(max) || double.IsNaN(max))
        {
            return max;
        }

        double sum = 0;
        k = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            Vector256<double> vsum = Vector256<double>.Zero;
            if (Vector512.IsHardwareAccelerated)
            {
                var vmax512 = Vector512.Create(max);
                for (; k <= n - Vector512<double>.Count; k += Vector512<double>.Count)
                {
                    Vector512<double> e = Vector512.Exp(Vector512.LoadUnsafe(ref values[k]) - vmax512);
                    vsum += e.GetLower();
                    vsum += e.GetUpper();
                }
            }

            var vmax = Vector256.Create(max);
            for (; k <= n - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                vsum += Vector256.Exp(Vector256.LoadUnsafe(ref values[k]) - vmax);
            }

            sum = Vector256.Sum(vsum);
        }

        for (; k < n; k++)
        {
            sum += Math.Exp(values[k] - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>Scalar reference of <see cref="AddGaussianLogPdf"/>.</summary>
    public static void AddGaussianLogPdfScalar(double x, double[] mu, double[] invSigma, double[] logConst, double[] acc)
    {
        for (int k = 0; k < acc.Length; k++)
        {
            double z = (x - mu[k]) * invSigma[k];
            acc[k] += (-0.5 * z * z) + logConst[k];
        }
    }

    /// <summary>Scalar reference of <see cref="LogSumExp"/>.</summary>
    public static double LogSumExpScalar(double[] values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max) || double.IsNaN(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}
