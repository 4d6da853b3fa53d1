using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Parallel bit extract (pext): the bits of a value at the set bits of a mask, packed from bit 0 up. Uses BMI2 where
/// it is present and fast; elsewhere (Arm, x86 without BMI2, AMD before Zen 3 where pext is microcoded) a byte-wise
/// table: the mask's and the value's bytes index a 64 KiB table of 8-bit extracts, which are shifted into place.
/// All three forms give identical results.
/// </summary>
internal static class BitExtract
{
    /// <summary>Environment variable that forces the form: "bmi2" (only where supported) or "table".</summary>
    public const string OverrideVariable = "WNN_PEXT";

    /// <summary>Whether the BMI2 instruction is used (decided once per process).</summary>
    public static readonly bool UsesBmi2 = ChooseBmi2();

    // [mask byte][value byte] -> pext8(value, mask); and the popcount of every byte.
    private static readonly byte[] s_table = BuildTable();
    private static readonly byte[] s_popCount = Enumerable.Range(0, 256).Select(b => (byte)BitOperations.PopCount((uint)b)).ToArray();

    /// <summary>Name of the form in use: "bmi2" or "table".</summary>
    public static string Form => UsesBmi2 ? "bmi2" : "table";

    /// <summary>pext(value, mask) with the form chosen for this process.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Extract(ulong value, ulong mask) =>
        UsesBmi2 && Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitExtract(value, mask) : Table(value, mask);

    /// <summary>pext by the byte table: eight lookups, no per-mask set-up.</summary>
    public static ulong Table(ulong value, ulong mask)
    {
        ref byte table = ref MemoryMarshal.GetArrayDataReference(s_table);
        ref byte pop = ref MemoryMarshal.GetArrayDataReference(s_popCount);
        ulong result = 0;
        int shift = 0;
        for (int j = 0; j < 64; j += 8)
        {
            // Both indices are bytes, so (mask byte << 8 | value byte) < 65,536 = the table's length.
            uint m = (uint)(mask >> j) & 0xFF;
            uint v = (uint)(value >> j) & 0xFF;
            result |= (ulong)Unsafe.Add(ref table, (nint)((m << 8) | v)) << shift;
            shift += Unsafe.Add(ref pop, (nint)m);
        }

        return result;
    }

    /// <summary>
    /// Prepares many extracts with one mask of several words (patterns are packed across words in ascending bit order):
    /// for the e-th byte the mask touches, byteIndex[e] is its byte in the row and tables[e * 256 + v] the pattern bits
    /// that byte value v contributes, already in place. Returns how many bytes the mask touches (at most its popcount).
    /// </summary>
    public static int BuildGather(ReadOnlySpan<ulong> mask, Span<uint> tables, Span<int> byteIndex)
    {
        int touched = 0, shift = 0;
        for (int b = 0; b < mask.Length * 8; b++)
        {
            int m = (int)(mask[b >> 3] >> ((b & 7) << 3)) & 0xFF;
            if (m == 0)
            {
                continue;
            }

            byteIndex[touched] = b;
            Span<uint> table = tables.Slice(touched << 8, 256);
            for (int v = 0; v < 256; v++)
            {
                table[v] = (uint)s_table[(m << 8) | v] << shift;
            }

            shift += s_popCount[m];
            touched++;
        }

        return touched;
    }

    /// <summary>The pattern of <paramref name="row"/> under the mask <see cref="BuildGather"/> prepared: one lookup per touched byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Gather(ReadOnlySpan<ulong> row, ReadOnlySpan<uint> tables, ReadOnlySpan<int> byteIndex, int touched)
    {
        uint pattern = 0;
        for (int e = 0; e < touched; e++)
        {
            int b = byteIndex[e];
            pattern |= tables[(e << 8) | (int)((row[b >> 3] >> ((b & 7) << 3)) & 0xFF)];
        }

        return pattern;
    }

    /// <summary>The reference: one mask bit at a time.</summary>
    public static ulong Scalar(ulong value, ulong mask)
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

    private static byte[] BuildTable()
    {
        var table = new byte[256 * 256];
        for (int m = 0; m < 256; m++)
        {
            for (int v = 0; v < 256; v++)
            {
                table[(m << 8) | v] = (byte)Scalar((ulong)v, (ulong)m);
            }
        }

        return table;
    }

    private static bool ChooseBmi2()
    {
        if (!Bmi2.X64.IsSupported)
        {
            return false;
        }

        string? forced = Environment.GetEnvironmentVariable(OverrideVariable);
        if (string.Equals(forced, "table", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return string.Equals(forced, "bmi2", StringComparison.OrdinalIgnoreCase) || !IsMicrocodedPext();
    }

    /// <summary>AMD families before 19h (Zen 3) run pext in microcode, hundreds of cycles per call.</summary>
    private static bool IsMicrocodedPext()
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        (_, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        bool amd = ebx == 0x68747541 && edx == 0x69746E65 && ecx == 0x444D4163; // "AuthenticAMD"
        if (!amd)
        {
            return false;
        }

        int eax = X86Base.CpuId(1, 0).Eax;
        int family = (eax >> 8) & 0xF;
        if (family == 0xF)
        {
            family += (eax >> 20) & 0xFF;
        }

        return family < 0x19;
    }
}
