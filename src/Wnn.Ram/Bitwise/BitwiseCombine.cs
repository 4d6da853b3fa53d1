using System.Numerics;

namespace Wnn.Ram.Bitwise;

/// <summary>
/// The per-example combination of docs/bitwise.md over a block of examples: Z by the walk over the bits of V and
/// S(y) for the target, lane-wise with the width-generic <see cref="Vector{T}"/> (any width; scalar with intrinsics
/// off). Lane operations are the scalar IEEE operations in the same order, so every width gives the same bits.
/// </summary>
internal static class BitwiseCombine
{
    /// <summary>Vector width in bits used by <see cref="Products"/> (0 = scalar).</summary>
    public static int VectorBits => Vector.IsHardwareAccelerated ? Vector<double>.Count * 64 : 0;

    /// <summary>
    /// For examples [0, count): <paramref name="z"/>[i] = Σ_{t&lt;V} S(t), <paramref name="target"/>[i] = S(y_i), where
    /// <paramref name="p"/>[j·stride + i] is cluster j's q_j(1).
    /// </summary>
    public static void Products(ReadOnlySpan<double> p, int stride, int bits, int vocabulary, ReadOnlySpan<long> y, int count,
        Span<double> z, Span<double> target, bool forceScalar = false)
    {
        int i = 0;
        if (!forceScalar && Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            Span<double> zero = stackalloc double[width];
            for (; i + width <= count; i += width)
            {
                var prefix = Vector<double>.One;
                var sum = Vector<double>.Zero;
                var s = Vector<double>.One;
                var ys = new Vector<long>(y.Slice(i, width));
                for (int j = 0; j < bits; j++)
                {
                    var pj = new Vector<double>(p.Slice((j * stride) + i, width));
                    Vector<double> qj = Vector<double>.One - pj;
                    int shift = bits - 1 - j;
                    if (((vocabulary >> shift) & 1) == 1)
                    {
                        sum += prefix * qj;
                        prefix *= pj;
                    }
                    else
                    {
                        prefix *= qj;
                    }

                    Vector<long> isOne = Vector.Equals((ys >> shift) & Vector<long>.One, Vector<long>.One);
                    s *= Vector.ConditionalSelect(isOne, pj, qj);
                }

                (vocabulary == 1 << bits ? Vector<double>.One : sum).CopyTo(z.Slice(i, width));
                s.CopyTo(target.Slice(i, width));
            }
        }

        for (; i < count; i++)
        {
            double prefix = 1.0, sum = 0.0, s = 1.0;
            for (int j = 0; j < bits; j++)
            {
                double pj = p[(j * stride) + i];
                double qj = 1.0 - pj;
                int shift = bits - 1 - j;
                if (((vocabulary >> shift) & 1) == 1)
                {
                    sum += prefix * qj;
                    prefix *= pj;
                }
                else
                {
                    prefix *= qj;
                }

                s *= ((y[i] >> shift) & 1) == 1 ? pj : qj;
            }

            z[i] = vocabulary == 1 << bits ? 1.0 : sum;
            target[i] = s;
        }
    }

    /// <summary>S(t) with the factors in cluster order, as the reference multiplies them.</summary>
    public static double Score(ReadOnlySpan<double> p, int stride, int i, int bits, int token)
    {
        double s = 1.0;
        for (int j = 0; j < bits; j++)
        {
            double pj = p[(j * stride) + i];
            s *= ((token >> (bits - 1 - j)) & 1) == 1 ? pj : 1.0 - pj;
        }

        return s;
    }

    /// <summary>argmax_{t&lt;V} S(t), ties to the highest id; <paramref name="greedy"/> is the id of the more likely bits (ties 1).</summary>
    public static int Argmax(ReadOnlySpan<double> p, int stride, int i, int bits, int vocabulary, int greedy)
    {
        if (greedy < vocabulary)
        {
            return greedy;
        }

        int top = vocabulary - 1;
        int best = top;
        double bestScore = Score(p, stride, i, bits, top);
        for (int shift = 0; shift < bits; shift++)
        {
            // Candidates in descending id order: top's bits above the shift, 0 at it, the greedy bits below.
            if (((top >> shift) & 1) == 0)
            {
                continue;
            }

            int below = (1 << shift) - 1;
            int candidate = (top & ~((below << 1) | 1)) | (greedy & below);
            double s = Score(p, stride, i, bits, candidate);
            if (s > bestScore)
            {
                bestScore = s;
                best = candidate;
            }
        }

        return best;
    }
}
