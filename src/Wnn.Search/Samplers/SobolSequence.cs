using System.Numerics;

namespace Wnn.Search.Samplers;

/// <summary>
/// The Sobol low-discrepancy sequence in up to <see cref="MaxDimensions"/> dimensions (Gray-code order), optionally
/// scrambled by a random linear matrix scramble plus a digital shift, which keeps every dimension's first 2^k points in
/// distinct intervals of width 2^-k.
/// </summary>
public sealed class SobolSequence
{
    /// <summary>Dimensions available (1 + the Joe–Kuo rows below).</summary>
    public const int MaxDimensions = 40;

    private const int Bits = 32;

    // Joe & Kuo (2008) primitive polynomials and initial direction numbers, dimensions 2..40, one row "s a m1 .. ms":
    // s = degree, a = coefficients of the inner terms as bits, m = initial odd direction integers.
    private static readonly string[] JoeKuoRows =
    [
        "1 0 1", "2 1 1 3", "3 1 1 3 1", "3 2 1 1 1", "4 1 1 1 3 3", "4 4 1 3 5 13", "5 2 1 1 5 5 17", "5 4 1 1 5 5 5",
        "5 7 1 1 7 11 19", "5 11 1 1 5 1 1", "5 13 1 1 1 3 11", "5 14 1 3 5 5 31", "6 1 1 3 3 9 7 49", "6 13 1 1 1 15 21 21",
        "6 16 1 3 1 13 27 49", "6 19 1 1 1 15 7 5", "6 22 1 3 1 15 13 25", "6 25 1 1 5 5 19 61", "7 1 1 3 7 11 23 15 103",
        "7 4 1 3 7 13 13 15 69", "7 7 1 1 3 13 7 35 63", "7 8 1 3 5 9 1 25 53", "7 14 1 3 1 13 9 35 107", "7 19 1 3 1 5 27 61 31",
        "7 21 1 1 5 11 19 41 61", "7 28 1 3 5 3 3 13 69", "7 31 1 1 7 13 1 19 1", "7 32 1 3 7 5 13 19 59", "7 37 1 1 3 9 25 29 41",
        "7 41 1 3 5 13 23 1 55", "7 42 1 3 7 3 13 59 17", "7 50 1 3 1 3 5 53 69", "7 55 1 1 5 5 23 33 13", "7 56 1 1 7 7 1 61 123",
        "7 59 1 1 7 9 13 61 49", "7 62 1 3 3 5 3 55 33", "8 14 1 3 1 15 31 13 49 245", "8 21 1 3 5 15 31 59 63 97",
        "8 22 1 3 1 11 11 11 77 249",
    ];

    private static readonly uint[][] BaseDirections = BuildDirections();
    private readonly uint[][] _directions;
    private readonly uint[] _shift;

    /// <summary>Creates the plain sequence (scramble false) or a scrambled one drawn from the seed.</summary>
    public SobolSequence(bool scramble = true, long? seed = null)
    {
        _directions = BaseDirections;
        _shift = new uint[MaxDimensions];
        if (!scramble)
        {
            return;
        }

        var random = new SearchRandom(seed);
        _directions = new uint[MaxDimensions][];
        for (int d = 0; d < MaxDimensions; d++)
        {
            // Row i of the lower-triangular matrix acts on the i most significant bits; the diagonal is 1.
            uint[] rows = new uint[Bits];
            for (int i = 0; i < Bits; i++)
            {
                uint above = i == 0 ? 0u : (uint)(random.NextUInt64() >> 32) & ~(uint.MaxValue >> i);
                rows[i] = above | (1u << (Bits - 1 - i));
            }

            _directions[d] = new uint[Bits];
            for (int j = 0; j < Bits; j++)
            {
                uint v = BaseDirections[d][j];
                uint scrambled = 0;
                for (int i = 0; i < Bits; i++)
                {
                    scrambled |= (uint)(BitOperations.PopCount(rows[i] & v) & 1) << (Bits - 1 - i);
                }

                _directions[d][j] = scrambled;
            }

            _shift[d] = (uint)(random.NextUInt64() >> 32);
        }
    }

    /// <summary>Coordinate <paramref name="dimension"/> of point <paramref name="index"/>, in [0, 1).</summary>
    public double Get(long index, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, MaxDimensions);
        ulong gray = (ulong)index ^ ((ulong)index >> 1);
        uint x = _shift[dimension];
        uint[] v = _directions[dimension];
        for (int j = 0; gray != 0 && j < Bits; j++, gray >>= 1)
        {
            if ((gray & 1) != 0)
            {
                x ^= v[j];
            }
        }

        return x / 4294967296.0;
    }

    private static uint[][] BuildDirections()
    {
        var all = new uint[MaxDimensions][];
        all[0] = new uint[Bits];
        for (int j = 0; j < Bits; j++)
        {
            all[0][j] = 1u << (Bits - 1 - j);
        }

        for (int d = 1; d < MaxDimensions; d++)
        {
            int[] row = [.. JoeKuoRows[d - 1].Split(' ').Select(int.Parse)];
            int s = row[0];
            int a = row[1];
            uint[] v = new uint[Bits];
            for (int j = 0; j < s; j++)
            {
                v[j] = (uint)row[2 + j] << (Bits - 1 - j);
            }

            for (int j = s; j < Bits; j++)
            {
                v[j] = v[j - s] ^ (v[j - s] >> s);
                for (int k = 1; k < s; k++)
                {
                    if (((a >> (s - 1 - k)) & 1) != 0)
                    {
                        v[j] ^= v[j - k];
                    }
                }
            }

            all[d] = v;
        }

        return all;
    }
}
