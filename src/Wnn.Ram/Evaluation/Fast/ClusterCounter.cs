using System.Numerics;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Counts, for every position of one block, how many of a cluster's neurons address a TRUE and a FALSE cell,
/// as bit-sliced counters. Sliced neurons walk the trie of their stored patterns over the block's bit planes;
/// direct neurons read hits computed once over all positions.
/// </summary>
internal static class ClusterCounter
{
    /// <summary>Number of counter planes for counts up to <paramref name="n"/>.</summary>
    public static int PlaneCount(int n) => 32 - BitOperations.LeadingZeroCount((uint)n);

    /// <summary>Fills the scratch counters and union for <paramref name="memory"/> in <paramref name="block"/>; false when nothing fires.</summary>
    public static bool Count(ClusterMemory memory, EvalPlanes planes, int block, BlockScratch s)
    {
        int planeCount = PlaneCount(memory.Neurons);
        Span<ulong> counterTrue = s.CounterTrue.AsSpan(0, planeCount * EvalPlanes.BlockWords);
        Span<ulong> counterFalse = s.CounterFalse.AsSpan(0, planeCount * EvalPlanes.BlockWords);
        counterTrue.Clear();
        bool hasFalse = memory.HasFalse;
        if (hasFalse)
        {
            counterFalse.Clear();
        }

        ReadOnlySpan<ulong> blockPlanes = planes.BlockPlanes(block);
        ReadOnlySpan<ulong> valid = planes.BlockValid(block);
        int vectorWords = planes.Blocks * EvalPlanes.BlockWords;
        bool any = false;
        for (int k = 0; k < memory.Neurons; k++)
        {
            int slot = memory.DirectSlot[k];
            if (slot >= 0)
            {
                ulong[] hits = memory.DirectHits!;
                int stride = hasFalse ? 2 : 1;
                ReadOnlySpan<ulong> t = hits.AsSpan((slot * stride * vectorWords) + (block * EvalPlanes.BlockWords), EvalPlanes.BlockWords);
                BitOps.AddToCounter(t, counterTrue, planeCount);
                if (hasFalse)
                {
                    ReadOnlySpan<ulong> f = hits.AsSpan((((slot * 2) + 1) * vectorWords) + (block * EvalPlanes.BlockWords), EvalPlanes.BlockWords);
                    BitOps.AddToCounter(f, counterFalse, planeCount);
                }

                any = true;
                continue;
            }

            ReadOnlySpan<uint> trues = memory.Trues(k);
            ReadOnlySpan<int> bits = memory.NeuronBits(k);
            if (!trues.IsEmpty)
            {
                any |= Match(trues, bits.Length - 1, valid, blockPlanes, bits, s.Levels, counterTrue, planeCount);
            }

            ReadOnlySpan<uint> falses = memory.Falses(k);
            if (!falses.IsEmpty)
            {
                any |= Match(falses, bits.Length - 1, valid, blockPlanes, bits, s.Levels, counterFalse, planeCount);
            }
        }

        if (!any)
        {
            return false;
        }

        Span<ulong> union = s.Union;
        union.Clear();
        for (int p = 0; p < planeCount; p++)
        {
            BitOps.Or(counterTrue.Slice(p * EvalPlanes.BlockWords, EvalPlanes.BlockWords), union);
            if (hasFalse)
            {
                BitOps.Or(counterFalse.Slice(p * EvalPlanes.BlockWords, EvalPlanes.BlockWords), union);
            }
        }

        return true;
    }

    /// <summary>
    /// Adds to <paramref name="counter"/> the positions (within <paramref name="current"/>) whose pattern is one of
    /// <paramref name="patterns"/> (sorted, distinct, sharing all bits above <paramref name="level"/>).
    /// Walks the binary trie of the patterns from the top bit down, pruning empty intersections. Distinct patterns
    /// match disjoint positions, so adding each leaf's positions counts every position of the neuron at most once.
    /// </summary>
    private static bool Match(
        ReadOnlySpan<uint> patterns, int level, ReadOnlySpan<ulong> current, ReadOnlySpan<ulong> blockPlanes,
        ReadOnlySpan<int> bits, Span<ulong> levels, Span<ulong> counter, int planeCount)
    {
        if (level < 0)
        {
            BitOps.AddToCounter(current, counter, planeCount);
            return true;
        }

        if (patterns.Length == 1)
        {
            // One pattern left (most of a sparse trie): all its remaining bits in one pass instead of one per level.
            Span<ulong> only = levels.Slice(level * EvalPlanes.BlockWords, EvalPlanes.BlockWords);
            if (!BitOps.MatchPattern(current, blockPlanes, bits[..(level + 1)], patterns[0], only))
            {
                return false;
            }

            BitOps.AddToCounter(only, counter, planeCount);
            return true;
        }

        // Patterns are sorted and agree above this level, so those with the bit clear come first.
        int mid = SplitAt(patterns, level);
        ReadOnlySpan<ulong> plane = blockPlanes.Slice(bits[level] * EvalPlanes.BlockWords, EvalPlanes.BlockWords);
        Span<ulong> child = levels.Slice(level * EvalPlanes.BlockWords, EvalPlanes.BlockWords);
        if (level == 0)
        {
            // The last bit: with both values stored every position of current matches, else one side does.
            if (mid > 0 && mid < patterns.Length)
            {
                BitOps.AddToCounter(current, counter, planeCount);
                return true;
            }

            bool hit = mid > 0 ? BitOps.AndNot(current, plane, child) : BitOps.And(current, plane, child);
            if (hit)
            {
                BitOps.AddToCounter(child, counter, planeCount);
            }

            return hit;
        }

        bool found = false;
        if (mid > 0 && BitOps.AndNot(current, plane, child))
        {
            found |= Match(patterns[..mid], level - 1, child, blockPlanes, bits, levels, counter, planeCount);
        }

        if (mid < patterns.Length && BitOps.And(current, plane, child))
        {
            found |= Match(patterns[mid..], level - 1, child, blockPlanes, bits, levels, counter, planeCount);
        }

        return found;
    }

    private static int SplitAt(ReadOnlySpan<uint> patterns, int level)
    {
        uint bit = 1u << level;
        int lo = 0, hi = patterns.Length;
        while (lo < hi)
        {
            int m = (lo + hi) >>> 1;
            if ((patterns[m] & bit) == 0)
            {
                lo = m + 1;
            }
            else
            {
                hi = m;
            }
        }

        return lo;
    }

    /// <summary>Reads position (word, bit)'s TRUE and FALSE counts out of the counters.</summary>
    public static (int True, int False) Read(BlockScratch s, int planeCount, bool hasFalse, int word, int bit)
    {
        int t = 0, f = 0;
        for (int p = 0; p < planeCount; p++)
        {
            t |= (int)((s.CounterTrue[(p * EvalPlanes.BlockWords) + word] >> bit) & 1UL) << p;
            if (hasFalse)
            {
                f |= (int)((s.CounterFalse[(p * EvalPlanes.BlockWords) + word] >> bit) & 1UL) << p;
            }
        }

        return (t, f);
    }
}
