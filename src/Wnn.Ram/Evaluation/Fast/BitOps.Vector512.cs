using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Wnn.Ram.Evaluation.Fast;

// The Vector512 path of the bit kernels. BitOps.Vector256.cs and BitOps.Vector128.cs are the same code at the
// narrower widths; change all three together. Callers have checked the lengths (see BitOps.cs).
internal static partial class BitOps
{
    internal static bool And512(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        ref ulong ra = ref MemoryMarshal.GetReference(a);
        ref ulong rb = ref MemoryMarshal.GetReference(b);
        ref ulong rd = ref MemoryMarshal.GetReference(dst);
        Vector512<ulong> any = Vector512<ulong>.Zero;
        int i = 0;
        for (; i <= dst.Length - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            Vector512<ulong> r = Vector512.LoadUnsafe(ref ra, (nuint)i) & Vector512.LoadUnsafe(ref rb, (nuint)i);
            r.StoreUnsafe(ref rd, (nuint)i);
            any |= r;
        }

        return (any != Vector512<ulong>.Zero) | AndScalar(a, b, dst, i);
    }

    internal static bool AndNot512(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        ref ulong ra = ref MemoryMarshal.GetReference(a);
        ref ulong rb = ref MemoryMarshal.GetReference(b);
        ref ulong rd = ref MemoryMarshal.GetReference(dst);
        Vector512<ulong> any = Vector512<ulong>.Zero;
        int i = 0;
        for (; i <= dst.Length - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            Vector512<ulong> r = Vector512.AndNot(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i));
            r.StoreUnsafe(ref rd, (nuint)i);
            any |= r;
        }

        return (any != Vector512<ulong>.Zero) | AndNotScalar(a, b, dst, i);
    }

    internal static void Or512(ReadOnlySpan<ulong> a, Span<ulong> dst)
    {
        ref ulong ra = ref MemoryMarshal.GetReference(a);
        ref ulong rd = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        for (; i <= dst.Length - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            (Vector512.LoadUnsafe(ref rd, (nuint)i) | Vector512.LoadUnsafe(ref ra, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }

        OrScalar(a, dst, i);
    }

    internal static void AddToCounter512(ReadOnlySpan<ulong> bits, Span<ulong> counter, int planeCount)
    {
        ref ulong rb = ref MemoryMarshal.GetReference(bits);
        ref ulong rc = ref MemoryMarshal.GetReference(counter);
        int stride = bits.Length;
        int i = 0;
        for (; i <= stride - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            Vector512<ulong> carry = Vector512.LoadUnsafe(ref rb, (nuint)i);
            nuint at = (nuint)i;
            for (int p = 0; p < planeCount && carry != Vector512<ulong>.Zero; p++, at += (nuint)stride)
            {
                Vector512<ulong> t = Vector512.LoadUnsafe(ref rc, at);
                (t ^ carry).StoreUnsafe(ref rc, at);
                carry &= t;
            }
        }

        AddToCounterScalar(bits, counter, planeCount, i);
    }

    internal static bool ExtractLevel512(ReadOnlySpan<ulong> counter, int planeCount, int value, ReadOnlySpan<ulong> union, Span<ulong> dst)
    {
        ref ulong rc = ref MemoryMarshal.GetReference(counter);
        ref ulong ru = ref MemoryMarshal.GetReference(union);
        ref ulong rd = ref MemoryMarshal.GetReference(dst);
        int stride = union.Length;
        Vector512<ulong> any = Vector512<ulong>.Zero;
        int i = 0;
        for (; i <= stride - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            Vector512<ulong> r = Vector512.LoadUnsafe(ref ru, (nuint)i);
            nuint at = (nuint)i;
            for (int p = 0; p < planeCount; p++, at += (nuint)stride)
            {
                // Keep positions whose plane bit equals bit p of value: r & plane, or r & ~plane.
                Vector512<ulong> plane = Vector512.LoadUnsafe(ref rc, at);
                r &= ((value >> p) & 1) != 0 ? plane : ~plane;
            }

            r.StoreUnsafe(ref rd, (nuint)i);
            any |= r;
        }

        return (any != Vector512<ulong>.Zero) | ExtractLevelScalar(counter, planeCount, value, union, dst, i);
    }

    internal static void AtMost512(ReadOnlySpan<double> values, double limit, Span<ulong> dst)
    {
        ref double rv = ref MemoryMarshal.GetReference(values);
        Vector512<double> bound = Vector512.Create(limit);
        int words = values.Length >> 6;
        for (int w = 0; w < words; w++)
        {
            ulong mask = 0;
            for (int k = 0; k < 64; k += Vector512<double>.Count)
            {
                Vector512<double> v = Vector512.LoadUnsafe(ref rv, (nuint)((w << 6) + k));
                mask |= (ulong)Vector512.LessThanOrEqual(v, bound).ExtractMostSignificantBits() << k;
            }

            dst[w] = mask;
        }

        AtMostScalar(values, limit, dst, words);
    }

    internal static bool MatchPattern512(
        ReadOnlySpan<ulong> current, ReadOnlySpan<ulong> planes, ReadOnlySpan<int> bits, uint pattern, Span<ulong> dst)
    {
        ref ulong rc = ref MemoryMarshal.GetReference(current);
        ref ulong rp = ref MemoryMarshal.GetReference(planes);
        ref ulong rd = ref MemoryMarshal.GetReference(dst);
        int stride = current.Length;
        Vector512<ulong> any = Vector512<ulong>.Zero;
        int i = 0;
        for (; i <= stride - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            Vector512<ulong> r = Vector512.LoadUnsafe(ref rc, (nuint)i);
            for (int l = 0; l < bits.Length; l++)
            {
                Vector512<ulong> plane = Vector512.LoadUnsafe(ref rp, (nuint)((bits[l] * stride) + i));
                r &= ((pattern >> l) & 1) != 0 ? plane : ~plane;
            }

            r.StoreUnsafe(ref rd, (nuint)i);
            any |= r;
        }

        return (any != Vector512<ulong>.Zero) | MatchPatternScalar(current, planes, bits, pattern, dst, i);
    }
}
