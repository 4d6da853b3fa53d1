using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Bit kernels over bitsets of ulongs (one block is <see cref="EvalPlanes.BlockWords"/> words). Each kernel has a
/// Vector512, Vector256 and Vector128 path (Vector128 is SSE on x86 and AdvSimd on Arm) and a scalar reference; the
/// widest hardware-accelerated width is chosen once, when the JIT compiles the dispatch (the checks are constants).
/// Every vector path ends with the scalar reference over the words that do not fill a vector (the tail), so any
/// length is handled and a test can compare each path with the scalar one on every machine.
/// </summary>
internal static partial class BitOps
{
    /// <summary>Width in bits of the vector path the kernels take in this process; 0 = scalar.</summary>
    public static int VectorBits =>
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;

    /// <summary>dst = a &amp; b; returns whether any bit is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool And(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        CheckLengths(a.Length, b.Length, dst.Length);
        if (Vector512.IsHardwareAccelerated)
        {
            return And512(a, b, dst);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return And256(a, b, dst);
        }

        return Vector128.IsHardwareAccelerated ? And128(a, b, dst) : AndScalar(a, b, dst, 0);
    }

    /// <summary>dst = a &amp; ~b; returns whether any bit is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AndNot(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        CheckLengths(a.Length, b.Length, dst.Length);
        if (Vector512.IsHardwareAccelerated)
        {
            return AndNot512(a, b, dst);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return AndNot256(a, b, dst);
        }

        return Vector128.IsHardwareAccelerated ? AndNot128(a, b, dst) : AndNotScalar(a, b, dst, 0);
    }

    /// <summary>dst |= a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Or(ReadOnlySpan<ulong> a, Span<ulong> dst)
    {
        CheckLengths(a.Length, a.Length, dst.Length);
        if (Vector512.IsHardwareAccelerated)
        {
            Or512(a, dst);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Or256(a, dst);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Or128(a, dst);
        }
        else
        {
            OrScalar(a, dst, 0);
        }
    }

    /// <summary>dst = a &amp; ~b (no result flag).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AndNotInto(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst) => AndNot(a, b, dst);

    /// <summary>
    /// Adds the 1-bit-per-position vector <paramref name="bits"/> into a bit-sliced counter of <paramref name="planeCount"/>
    /// planes of bits.Length words each, laid out consecutively in <paramref name="counter"/> (ripple carry per word).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToCounter(ReadOnlySpan<ulong> bits, Span<ulong> counter, int planeCount)
    {
        CheckPlanes(bits.Length, counter.Length, planeCount);
        if (Vector512.IsHardwareAccelerated)
        {
            AddToCounter512(bits, counter, planeCount);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AddToCounter256(bits, counter, planeCount);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            AddToCounter128(bits, counter, planeCount);
        }
        else
        {
            AddToCounterScalar(bits, counter, planeCount, 0);
        }
    }

    /// <summary>
    /// dst = positions in <paramref name="union"/> whose bit-sliced count (planes of union.Length words) equals
    /// <paramref name="value"/>; returns whether any bit is set.
    /// </summary>
    public static bool ExtractLevel(ReadOnlySpan<ulong> counter, int planeCount, int value, ReadOnlySpan<ulong> union, Span<ulong> dst)
    {
        CheckPlanes(union.Length, counter.Length, planeCount);
        CheckLengths(dst.Length, dst.Length, union.Length);
        if (Vector512.IsHardwareAccelerated)
        {
            return ExtractLevel512(counter, planeCount, value, union, dst);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return ExtractLevel256(counter, planeCount, value, union, dst);
        }

        return Vector128.IsHardwareAccelerated
            ? ExtractLevel128(counter, planeCount, value, union, dst)
            : ExtractLevelScalar(counter, planeCount, value, union, dst, 0);
    }

    /// <summary>dst bit j = values[j] &lt;= limit, for j &lt; values.Length (bits past the end of values are cleared).</summary>
    public static void AtMost(ReadOnlySpan<double> values, double limit, Span<ulong> dst)
    {
        if (dst.Length < (values.Length + 63) >> 6)
        {
            Throw(values.Length, values.Length, dst.Length * 64);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            AtMost512(values, limit, dst);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AtMost256(values, limit, dst);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            AtMost128(values, limit, dst);
        }
        else
        {
            AtMostScalar(values, limit, dst, 0);
        }
    }

    /// <summary>
    /// dst = current &amp; (for every l: plane bits[l] where bit l of <paramref name="pattern"/> is set, its complement
    /// where clear): the positions whose bits at bits[] spell the pattern. Planes are current.Length words apart in
    /// <paramref name="planes"/>, indexed by input bit. Returns whether any bit is set.
    /// </summary>
    public static bool MatchPattern(ReadOnlySpan<ulong> current, ReadOnlySpan<ulong> planes, ReadOnlySpan<int> bits, uint pattern, Span<ulong> dst)
    {
        CheckLengths(dst.Length, dst.Length, current.Length);
        foreach (int bit in bits)
        {
            if (bit < 0 || (long)(bit + 1) * current.Length > planes.Length)
            {
                ThrowPlanes(current.Length, planes.Length, bit + 1);
            }
        }

        if (Vector512.IsHardwareAccelerated)
        {
            return MatchPattern512(current, planes, bits, pattern, dst);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return MatchPattern256(current, planes, bits, pattern, dst);
        }

        return Vector128.IsHardwareAccelerated
            ? MatchPattern128(current, planes, bits, pattern, dst)
            : MatchPatternScalar(current, planes, bits, pattern, dst, 0);
    }

    // Scalar references. Each starts at word 'from': the vector paths call them for their tail.

    internal static bool MatchPatternScalar(
        ReadOnlySpan<ulong> current, ReadOnlySpan<ulong> planes, ReadOnlySpan<int> bits, uint pattern, Span<ulong> dst, int from)
    {
        int stride = current.Length;
        ulong acc = 0;
        for (int i = from; i < stride; i++)
        {
            ulong r = current[i];
            for (int l = 0; l < bits.Length; l++)
            {
                ulong plane = planes[(bits[l] * stride) + i];
                r = ((pattern >> l) & 1) != 0 ? r & plane : r & ~plane;
            }

            dst[i] = r;
            acc |= r;
        }

        return acc != 0;
    }

    internal static void AtMostScalar(ReadOnlySpan<double> values, double limit, Span<ulong> dst, int fromWord)
    {
        for (int w = fromWord; w << 6 < values.Length; w++)
        {
            ulong mask = 0;
            int end = Math.Min(64, values.Length - (w << 6));
            for (int k = 0; k < end; k++)
            {
                mask |= (values[(w << 6) + k] <= limit ? 1UL : 0UL) << k;
            }

            dst[w] = mask;
        }
    }

    internal static bool AndScalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, int from)
    {
        ulong acc = 0;
        for (int i = from; i < dst.Length; i++)
        {
            ulong r = a[i] & b[i];
            dst[i] = r;
            acc |= r;
        }

        return acc != 0;
    }

    internal static bool AndNotScalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, int from)
    {
        ulong acc = 0;
        for (int i = from; i < dst.Length; i++)
        {
            ulong r = a[i] & ~b[i];
            dst[i] = r;
            acc |= r;
        }

        return acc != 0;
    }

    internal static void OrScalar(ReadOnlySpan<ulong> a, Span<ulong> dst, int from)
    {
        for (int i = from; i < dst.Length; i++)
        {
            dst[i] |= a[i];
        }
    }

    internal static void AddToCounterScalar(ReadOnlySpan<ulong> bits, Span<ulong> counter, int planeCount, int from)
    {
        int stride = bits.Length;
        for (int i = from; i < stride; i++)
        {
            ulong carry = bits[i];
            for (int p = 0; p < planeCount && carry != 0; p++)
            {
                ulong t = counter[(p * stride) + i];
                counter[(p * stride) + i] = t ^ carry;
                carry &= t;
            }
        }
    }

    internal static bool ExtractLevelScalar(
        ReadOnlySpan<ulong> counter, int planeCount, int value, ReadOnlySpan<ulong> union, Span<ulong> dst, int from)
    {
        int stride = union.Length;
        ulong acc = 0;
        for (int i = from; i < stride; i++)
        {
            ulong r = union[i];
            for (int p = 0; p < planeCount; p++)
            {
                ulong plane = counter[(p * stride) + i];
                r = ((value >> p) & 1) != 0 ? r & plane : r & ~plane;
            }

            dst[i] = r;
            acc |= r;
        }

        return acc != 0;
    }

    // The vector paths read and write through unchecked references: these checks keep every access in bounds.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLengths(int a, int b, int dst)
    {
        if (a < dst || b < dst)
        {
            Throw(a, b, dst);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckPlanes(int stride, int counter, int planeCount)
    {
        if (planeCount < 0 || (long)planeCount * stride > counter)
        {
            ThrowPlanes(stride, counter, planeCount);
        }
    }

    private static void Throw(int a, int b, int dst) =>
        throw new ArgumentException($"bitset operands of {a} and {b} words are shorter than the destination ({dst} words)");

    private static void ThrowPlanes(int stride, int counter, int planeCount) =>
        throw new ArgumentException($"a counter of {planeCount} planes of {stride} words does not fit in {counter} words");
}
