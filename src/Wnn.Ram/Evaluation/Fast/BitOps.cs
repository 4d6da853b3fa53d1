using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>Bit kernels over one block of <see cref="EvalPlanes.BlockWords"/> ulongs, with scalar references.</summary>
internal static class BitOps
{
    public const int Lanes = EvalPlanes.BlockWords / 8;

    /// <summary>Parallel bit extract; BMI2 when available, else a scalar loop with identical results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pext(ulong value, ulong mask) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitExtract(value, mask) : PextScalar(value, mask);

    public static ulong PextScalar(ulong value, ulong mask)
    {
        ulong result = 0;
        int k = 0;
        while (mask != 0)
        {
            int bit = BitOperations.TrailingZeroCount(mask);
            result |= ((value >> bit) & 1UL) << k++;
            mask &= mask - 1;
        }

        return result;
    }

    /// <summary>dst = a &amp; b; returns whether any bit is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool And(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ref Vector512<ulong> va = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(a));
            ref Vector512<ulong> vb = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(b));
            ref Vector512<ulong> vd = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(dst));
            Vector512<ulong> any = Vector512<ulong>.Zero;
            for (int i = 0; i < Lanes; i++)
            {
                Vector512<ulong> r = Unsafe.Add(ref va, i) & Unsafe.Add(ref vb, i);
                Unsafe.Add(ref vd, i) = r;
                any |= r;
            }

            return any != Vector512<ulong>.Zero;
        }

        ulong acc = 0;
        for (int i = 0; i < EvalPlanes.BlockWords; i++)
        {
            ulong r = a[i] & b[i];
            dst[i] = r;
            acc |= r;
        }

        return acc != 0;
    }

    /// <summary>dst = a &amp; ~b; returns whether any bit is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AndNot(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ref Vector512<ulong> va = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(a));
            ref Vector512<ulong> vb = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(b));
            ref Vector512<ulong> vd = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(dst));
            Vector512<ulong> any = Vector512<ulong>.Zero;
            for (int i = 0; i < Lanes; i++)
            {
                Vector512<ulong> r = Vector512.AndNot(Unsafe.Add(ref va, i), Unsafe.Add(ref vb, i));
                Unsafe.Add(ref vd, i) = r;
                any |= r;
            }

            return any != Vector512<ulong>.Zero;
        }

        ulong acc = 0;
        for (int i = 0; i < EvalPlanes.BlockWords; i++)
        {
            ulong r = a[i] & ~b[i];
            dst[i] = r;
            acc |= r;
        }

        return acc != 0;
    }

    /// <summary>dst |= a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Or(ReadOnlySpan<ulong> a, Span<ulong> dst)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ref Vector512<ulong> va = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(a));
            ref Vector512<ulong> vd = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(dst));
            for (int i = 0; i < Lanes; i++)
            {
                Unsafe.Add(ref vd, i) |= Unsafe.Add(ref va, i);
            }

            return;
        }

        for (int i = 0; i < EvalPlanes.BlockWords; i++)
        {
            dst[i] |= a[i];
        }
    }

    /// <summary>dst = a &amp; ~b (no result flag).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AndNotInto(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst) => AndNot(a, b, dst);

    /// <summary>
    /// Adds the 1-bit-per-example vector <paramref name="bits"/> into a bit-sliced counter of <paramref name="planeCount"/>
    /// planes laid out consecutively in <paramref name="counter"/> (ripple carry per lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToCounter(ReadOnlySpan<ulong> bits, Span<ulong> counter, int planeCount)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ref Vector512<ulong> vb = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(bits));
            ref Vector512<ulong> vc = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(counter));
            for (int i = 0; i < Lanes; i++)
            {
                Vector512<ulong> carry = Unsafe.Add(ref vb, i);
                for (int p = 0; p < planeCount && carry != Vector512<ulong>.Zero; p++)
                {
                    ref Vector512<ulong> plane = ref Unsafe.Add(ref vc, (p * Lanes) + i);
                    Vector512<ulong> t = plane;
                    plane = t ^ carry;
                    carry &= t;
                }
            }

            return;
        }

        for (int i = 0; i < EvalPlanes.BlockWords; i++)
        {
            ulong carry = bits[i];
            for (int p = 0; p < planeCount && carry != 0; p++)
            {
                ulong t = counter[(p * EvalPlanes.BlockWords) + i];
                counter[(p * EvalPlanes.BlockWords) + i] = t ^ carry;
                carry &= t;
            }
        }
    }

    /// <summary>dst = positions in <paramref name="union"/> whose bit-sliced count equals <paramref name="value"/>; returns any.</summary>
    public static bool ExtractLevel(ReadOnlySpan<ulong> counter, int planeCount, int value, ReadOnlySpan<ulong> union, Span<ulong> dst)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ref Vector512<ulong> vc = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(counter));
            ref Vector512<ulong> vu = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(union));
            ref Vector512<ulong> vd = ref Unsafe.As<ulong, Vector512<ulong>>(ref MemoryMarshal.GetReference(dst));
            Vector512<ulong> any = Vector512<ulong>.Zero;
            for (int i = 0; i < Lanes; i++)
            {
                Vector512<ulong> r = Unsafe.Add(ref vu, i);
                for (int p = 0; p < planeCount; p++)
                {
                    Vector512<ulong> plane = Unsafe.Add(ref vc, (p * Lanes) + i);
                    r = ((value >> p) & 1) != 0 ? r & plane : Vector512.AndNot(r, plane);
                }

                Unsafe.Add(ref vd, i) = r;
                any |= r;
            }

            return any != Vector512<ulong>.Zero;
        }

        ulong acc = 0;
        for (int i = 0; i < EvalPlanes.BlockWords; i++)
        {
            ulong r = union[i];
            for (int p = 0; p < planeCount; p++)
            {
                ulong plane = counter[(p * EvalPlanes.BlockWords) + i];
                r = ((value >> p) & 1) != 0 ? r & plane : r & ~plane;
            }

            dst[i] = r;
            acc |= r;
        }

        return acc != 0;
    }
}
