using System.Runtime.Intrinsics.X86;
using Wnn.Ram.Evaluation.Fast;

namespace Wnn.Ram.Tests.Evaluation;

/// <summary>
/// Every width of every bit kernel against its scalar reference. Vector types work (in software) where the hardware
/// lacks them, so all widths are checked on every machine; lengths that are not a multiple of a vector test the tails.
/// </summary>
public sealed class BitKernelTests
{
    private delegate bool Binary(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst);

    private static readonly int[] Lengths = [0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 63, 64, 65, 130];

    public static TheoryData<int> Widths() => [0, 128, 256, 512, -1];

    [Theory]
    [MemberData(nameof(Widths))]
    public void And_and_and_not_equal_the_scalar_reference_at_every_length(int width)
    {
        var random = new Random(17);
        foreach (int n in Lengths)
        {
            foreach (double density in new[] { 0.0, 0.02, 0.5 })
            {
                ulong[] a = RandomBits(random, n, density), b = RandomBits(random, n, 0.5);
                ulong[] expected = new ulong[n], actual = new ulong[n];
                bool expectedAny = BitOps.AndScalar(a, b, expected, 0);
                Assert.Equal(expectedAny, Pick(width, BitOps.And, (x, y, d) => BitOps.AndScalar(x, y, d, 0), BitOps.And128, BitOps.And256, BitOps.And512)(a, b, actual));
                Assert.Equal(expected, actual);
                Assert.Equal(Enumerable.Range(0, n).Select(i => a[i] & b[i]), actual);

                expectedAny = BitOps.AndNotScalar(a, b, expected, 0);
                Array.Fill(actual, 0xDEADUL);
                Assert.Equal(expectedAny, Pick(width, BitOps.AndNot, (x, y, d) => BitOps.AndNotScalar(x, y, d, 0), BitOps.AndNot128, BitOps.AndNot256, BitOps.AndNot512)(a, b, actual));
                Assert.Equal(expected, actual);
                Assert.Equal(Enumerable.Range(0, n).Select(i => a[i] & ~b[i]), actual);
                Assert.Equal(a.Zip(b).Any(p => (p.First & ~p.Second) != 0), expectedAny);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Or_equals_the_scalar_reference_at_every_length(int width)
    {
        var random = new Random(23);
        foreach (int n in Lengths)
        {
            ulong[] a = RandomBits(random, n, 0.3), start = RandomBits(random, n, 0.3);
            ulong[] expected = (ulong[])start.Clone(), actual = (ulong[])start.Clone();
            BitOps.OrScalar(a, expected, 0);
            switch (width)
            {
                case 0: BitOps.OrScalar(a, actual, 0); break;
                case 128: BitOps.Or128(a, actual); break;
                case 256: BitOps.Or256(a, actual); break;
                case 512: BitOps.Or512(a, actual); break;
                default: BitOps.Or(a, actual); break;
            }

            Assert.Equal(expected, actual);
            Assert.Equal(start.Zip(a, (x, y) => x | y), actual);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Bit_sliced_counters_count_and_extract_levels_like_the_scalar_reference(int width)
    {
        var random = new Random(31);
        foreach (int n in Lengths)
        {
            const int planes = 5;
            var counter = new ulong[planes * n];
            var counts = new int[n * 64];
            var union = new ulong[n];
            for (int round = 0; round < 21; round++)
            {
                ulong[] bits = RandomBits(random, n, round % 3 == 0 ? 0.05 : 0.4);
                ulong[] reference = (ulong[])counter.Clone();
                BitOps.AddToCounterScalar(bits, reference, planes, 0);
                switch (width)
                {
                    case 0: BitOps.AddToCounterScalar(bits, counter, planes, 0); break;
                    case 128: BitOps.AddToCounter128(bits, counter, planes); break;
                    case 256: BitOps.AddToCounter256(bits, counter, planes); break;
                    case 512: BitOps.AddToCounter512(bits, counter, planes); break;
                    default: BitOps.AddToCounter(bits, counter, planes); break;
                }

                Assert.Equal(reference, counter);
                for (int j = 0; j < n * 64; j++)
                {
                    counts[j] += (int)((bits[j >> 6] >> (j & 63)) & 1UL);
                }

                BitOps.OrScalar(bits, union, 0);
            }

            for (int value = 0; value < 1 << planes; value++)
            {
                var expected = new ulong[n];
                var actual = new ulong[n];
                bool expectedAny = BitOps.ExtractLevelScalar(counter, planes, value, union, expected, 0);
                bool actualAny = width switch
                {
                    0 => BitOps.ExtractLevelScalar(counter, planes, value, union, actual, 0),
                    128 => BitOps.ExtractLevel128(counter, planes, value, union, actual),
                    256 => BitOps.ExtractLevel256(counter, planes, value, union, actual),
                    512 => BitOps.ExtractLevel512(counter, planes, value, union, actual),
                    _ => BitOps.ExtractLevel(counter, planes, value, union, actual),
                };
                Assert.Equal(expectedAny, actualAny);
                Assert.Equal(expected, actual);
                for (int j = 0; j < n * 64; j++)
                {
                    bool fired = ((union[j >> 6] >> (j & 63)) & 1UL) != 0;
                    Assert.Equal(fired && counts[j] == value, ((actual[j >> 6] >> (j & 63)) & 1UL) != 0);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Threshold_masks_equal_the_scalar_reference_at_every_length(int width)
    {
        var random = new Random(37);
        foreach (int n in new[] { 0, 1, 3, 63, 64, 65, 127, 130, 4096, 4099 })
        {
            // Scores on a coarse grid, so that ties with the limit occur; -infinity as in an unfilled top list.
            double[] values = Enumerable.Range(0, n).Select(_ => random.Next(12) == 0 ? double.NegativeInfinity : random.Next(9) / 8.0).ToArray();
            foreach (double limit in new[] { double.NegativeInfinity, 0.0, 0.375, 0.5, 1.0 })
            {
                int words = (n + 63) >> 6;
                var expected = new ulong[words];
                ulong[] actual = Enumerable.Repeat(ulong.MaxValue, words).ToArray();
                BitOps.AtMostScalar(values, limit, expected, 0);
                switch (width)
                {
                    case 0: BitOps.AtMostScalar(values, limit, actual, 0); break;
                    case 128: BitOps.AtMost128(values, limit, actual); break;
                    case 256: BitOps.AtMost256(values, limit, actual); break;
                    case 512: BitOps.AtMost512(values, limit, actual); break;
                    default: BitOps.AtMost(values, limit, actual); break;
                }

                Assert.Equal(expected, actual);
                for (int j = 0; j < words * 64; j++)
                {
                    Assert.Equal(j < n && values[j] <= limit, ((actual[j >> 6] >> (j & 63)) & 1UL) != 0);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Pattern_match_over_bit_planes_equals_the_scalar_reference(int width)
    {
        var random = new Random(47);
        foreach (int n in Lengths)
        {
            const int inputBits = 40;
            ulong[] planes = RandomBits(random, inputBits * n, 0.5);
            ulong[] current = RandomBits(random, n, 0.8);
            for (int round = 0; round < 12; round++)
            {
                int[] bits = Enumerable.Range(0, 1 + random.Next(round < 6 ? 4 : 20)).Select(_ => random.Next(inputBits)).ToArray();
                uint pattern = (uint)random.Next(1 << Math.Min(bits.Length, 30));
                var expected = new ulong[n];
                ulong[] actual = Enumerable.Repeat(ulong.MaxValue, n).ToArray();
                bool expectedAny = BitOps.MatchPatternScalar(current, planes, bits, pattern, expected, 0);
                bool actualAny = width switch
                {
                    0 => BitOps.MatchPatternScalar(current, planes, bits, pattern, actual, 0),
                    128 => BitOps.MatchPattern128(current, planes, bits, pattern, actual),
                    256 => BitOps.MatchPattern256(current, planes, bits, pattern, actual),
                    512 => BitOps.MatchPattern512(current, planes, bits, pattern, actual),
                    _ => BitOps.MatchPattern(current, planes, bits, pattern, actual),
                };
                Assert.Equal(expectedAny, actualAny);
                Assert.Equal(expected, actual);
                for (int j = 0; j < n * 64; j++)
                {
                    bool match = ((current[j >> 6] >> (j & 63)) & 1UL) != 0;
                    for (int l = 0; l < bits.Length; l++)
                    {
                        ulong bit = (planes[(bits[l] * n) + (j >> 6)] >> (j & 63)) & 1UL;
                        match &= bit == ((pattern >> l) & 1U);
                    }

                    Assert.Equal(match, ((actual[j >> 6] >> (j & 63)) & 1UL) != 0);
                }
            }
        }
    }

    [Fact]
    public void Kernels_reject_operands_shorter_than_the_destination()
    {
        Assert.Throws<ArgumentException>(() => BitOps.And(new ulong[3], new ulong[4], new ulong[4]));
        Assert.Throws<ArgumentException>(() => BitOps.Or(new ulong[3], new ulong[4]));
        Assert.Throws<ArgumentException>(() => BitOps.AddToCounter(new ulong[4], new ulong[15], 4));
        Assert.Throws<ArgumentException>(() => BitOps.ExtractLevel(new ulong[8], 2, 1, new ulong[4], new ulong[3]));
        Assert.Throws<ArgumentException>(() => BitOps.AtMost(new double[129], 0.5, new ulong[2]));
        Assert.Throws<ArgumentException>(() => BitOps.MatchPattern(new ulong[4], new ulong[12], [1, 3], 1, new ulong[4]));
    }

    [Fact]
    public void Table_pext_equals_the_bit_by_bit_reference_and_bmi2()
    {
        var random = new Random(41);
        var masks = new List<ulong> { 0, ulong.MaxValue, 1, 1UL << 63, 0x00FF00FF00FF00FFUL, 0xF0F0F0F0F0F0F0F0UL, 0x8000000000000001UL };
        for (int i = 0; i < 2000; i++)
        {
            // Sparse masks like a neuron's connections, and dense ones.
            ulong mask = 0;
            int bits = i % 2 == 0 ? random.Next(1, 25) : random.Next(25, 64);
            for (int b = 0; b < bits; b++)
            {
                mask |= 1UL << random.Next(64);
            }

            masks.Add(mask);
        }

        foreach (ulong mask in masks)
        {
            for (int v = 0; v < 8; v++)
            {
                ulong value = ((ulong)random.NextInt64() << 1) ^ (ulong)random.NextInt64();
                ulong expected = BitExtract.Scalar(value, mask);
                Assert.Equal(expected, BitExtract.Table(value, mask));
                Assert.Equal(expected, BitExtract.Extract(value, mask));
                if (Bmi2.X64.IsSupported)
                {
                    Assert.Equal(expected, Bmi2.X64.ParallelBitExtract(value, mask));
                }
            }
        }

        Assert.Equal(0b1111UL, BitExtract.Table(0b1_0000_0110_0001UL << 8, 0b1_0000_0110_0001UL << 8));
        Assert.Equal(0b0110UL, BitExtract.Scalar(0b0000_0110_0000UL, 0b1000_0110_0001UL));
    }

    [Fact]
    public void Byte_table_gather_equals_the_reference_across_mask_words()
    {
        var random = new Random(43);
        var tables = new uint[30 * 256];
        var bytes = new int[30];
        for (int round = 0; round < 300; round++)
        {
            int words = 1 + (round % 3);
            var mask = new ulong[words];
            int bits = 1 + random.Next(30);
            for (int b = 0; b < bits; b++)
            {
                int at = random.Next(words * 64);
                mask[at >> 6] |= 1UL << (at & 63);
            }

            int touched = BitExtract.BuildGather(mask, tables, bytes);
            Assert.InRange(touched, 1, mask.Sum(m => System.Numerics.BitOperations.PopCount(m)));
            for (int v = 0; v < 20; v++)
            {
                ulong[] row = Enumerable.Range(0, words).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1)).ToArray();
                ulong expected = 0;
                int shift = 0;
                for (int w = 0; w < words; w++)
                {
                    expected |= BitExtract.Scalar(row[w], mask[w]) << shift;
                    shift += System.Numerics.BitOperations.PopCount(mask[w]);
                }

                Assert.Equal(expected, BitExtract.Gather(row, tables, bytes, touched));
            }
        }
    }

    private static Binary Pick(int width, Binary dispatch, Binary scalar, Binary w128, Binary w256, Binary w512) => width switch
    {
        0 => scalar,
        128 => w128,
        256 => w256,
        512 => w512,
        _ => dispatch,
    };

    private static ulong[] RandomBits(Random random, int words, double density)
    {
        var result = new ulong[words];
        for (int i = 0; i < words * 64; i++)
        {
            if (random.NextDouble() < density)
            {
                result[i >> 6] |= 1UL << (i & 63);
            }
        }

        return result;
    }
}
