using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>Builds <see cref="ClusterMemory"/> for a cluster: one pass over its positive and negative examples.</summary>
internal sealed class ClusterTrainer
{
    /// <summary>Patterns wider than this use binary search instead of a dense bit table in direct mode.</summary>
    private const int MaxDenseTableBits = 24;

    [ThreadStatic]
    private static ulong[]? t_trueTable;

    [ThreadStatic]
    private static ulong[]? t_falseTable;

    [ThreadStatic]
    private static List<uint>? t_patterns;

    [ThreadStatic]
    private static ulong[]? t_dedupeTable;

    [ThreadStatic]
    private static uint[]? t_gatherTables;

    [ThreadStatic]
    private static int[]? t_gatherBytes;

    private readonly EvaluationData _data;
    private readonly EvalPlanes _planes;
    private readonly int _words;

    public ClusterTrainer(EvaluationData data, EvalPlanes planes)
    {
        _data = data;
        _planes = planes;
        _words = data.Train.Words;
    }

    /// <summary>Relative cost of one direct-mode example versus one sliced AND of a 64-word block (measured; see bench).</summary>
    public double DirectCostPerExample { get; init; } = 0.05;

    /// <summary>Forced matching mode, or automatic.</summary>
    public NeuronMatchMode Mode { get; init; }

    /// <summary>Trains cluster <paramref name="cluster"/> of <paramref name="genome"/>; null when no example writes it.</summary>
    public ClusterMemory? Train(Genome genome, int cluster)
    {
        int posStart = _data.PositiveStart[cluster], posEnd = _data.PositiveStart[cluster + 1];
        int negStart = _data.NegativeStart[cluster], negEnd = _data.NegativeStart[cluster + 1];
        if (_data.Options.EmptyValue == 0.0)
        {
            // With e = 0 a FALSE cell scores like an EMPTY one: negatives cannot change any score.
            negEnd = negStart;
        }

        if (posStart == posEnd && negStart == negEnd)
        {
            return null;
        }

        int n = genome.NeuronsPerCluster[cluster];
        int firstNeuron = genome.NeuronStart(cluster);
        var masks = new ulong[n * _words];
        var bitStart = new int[n + 1];
        var bitsList = new List<int>(n * 12);
        for (int k = 0; k < n; k++)
        {
            Span<ulong> mask = masks.AsSpan(k * _words, _words);
            foreach (int conn in genome.NeuronConnections(firstNeuron + k))
            {
                mask[conn >> 6] |= 1UL << (conn & 63);
            }

            for (int w = 0; w < _words; w++)
            {
                ulong m = mask[w];
                while (m != 0)
                {
                    bitsList.Add((w * 64) + BitOperations.TrailingZeroCount(m));
                    m &= m - 1;
                }
            }

            bitStart[k + 1] = bitsList.Count;
        }

        var trueStart = new int[n + 1];
        var falseStart = new int[n + 1];
        var trues = new List<uint>();
        var falses = new List<uint>();
        List<uint> scratch = t_patterns ??= new List<uint>(1024);
        ulong[] trainInputs = _data.Train.Inputs;
        for (int k = 0; k < n; k++)
        {
            ReadOnlySpan<ulong> mask = masks.AsSpan(k * _words, _words);
            int trueFrom = trues.Count;
            scratch.Clear();
            for (int i = posStart; i < posEnd; i++)
            {
                scratch.Add(Pattern(trainInputs, _data.PositiveExamples[i], mask));
            }

            AppendSortedDistinct(scratch, trues, bitStart[k + 1] - bitStart[k]);
            trueStart[k + 1] = trues.Count;
            scratch.Clear();
            for (int i = negStart; i < negEnd; i++)
            {
                scratch.Add(Pattern(trainInputs, _data.NegativeExamples[i], mask));
            }

            // TRUE wins: a cell addressed by any positive never becomes FALSE.
            if (scratch.Count > 0)
            {
                int falseFrom = falses.Count;
                AppendSortedDistinct(scratch, falses, bitStart[k + 1] - bitStart[k]);
                RemoveSorted(falses, falseFrom, trues, trueFrom, trues.Count);
            }
            falseStart[k + 1] = falses.Count;
        }

        var memory = new ClusterMemory
        {
            Cluster = cluster,
            Neurons = n,
            Masks = masks,
            Bits = bitsList.ToArray(),
            BitStart = bitStart,
            TruePatterns = trues.ToArray(),
            TrueStart = trueStart,
            FalsePatterns = falses.ToArray(),
            FalseStart = falseStart,
            DirectSlot = new int[n],
        };
        ChooseModes(memory);
        return memory;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Pattern(ulong[] inputs, int example, ReadOnlySpan<ulong> mask)
    {
        if (_words == 1)
        {
            return (uint)BitExtract.Extract(inputs[example], mask[0]);
        }

        ulong pattern = 0;
        int shift = 0;
        int rowStart = example * _words;
        for (int w = 0; w < mask.Length; w++)
        {
            ulong m = mask[w];
            if (m != 0)
            {
                pattern |= BitExtract.Extract(inputs[rowStart + w], m) << shift;
                shift += BitOperations.PopCount(m);
            }
        }

        return (uint)pattern;
    }

    /// <summary>Appends the distinct values of <paramref name="items"/> in ascending order.</summary>
    private static void AppendSortedDistinct(List<uint> items, List<uint> output, int width)
    {
        int count = items.Count;
        if (count == 0)
        {
            return;
        }

        // Many patterns of a narrow neuron: mark them in a bitmap and read it back in order (cheaper than sorting).
        long tableWords = width <= MaxDenseTableBits ? Math.Max(1L, (1L << width) >> 6) : long.MaxValue;
        if (count >= 64 && tableWords <= 4L * count)
        {
            ulong[] table = t_dedupeTable is { } t && t.Length >= tableWords ? t : (t_dedupeTable = new ulong[Math.Max(tableWords, 1024)]);
            foreach (uint p in items)
            {
                table[p >> 6] |= 1UL << (int)(p & 63);
            }

            for (int w = 0; w < tableWords; w++)
            {
                ulong v = table[w];
                if (v == 0)
                {
                    continue;
                }

                table[w] = 0;
                do
                {
                    output.Add((uint)((w << 6) | BitOperations.TrailingZeroCount(v)));
                    v &= v - 1;
                }
                while (v != 0);
            }

            return;
        }

        items.Sort();
        output.Add(items[0]);
        for (int i = 1; i < count; i++)
        {
            if (items[i] != items[i - 1])
            {
                output.Add(items[i]);
            }
        }
    }

    /// <summary>Removes from list[from..] (sorted) every value present in exclude[exFrom..exTo) (sorted): TRUE wins.</summary>
    private static void RemoveSorted(List<uint> list, int from, List<uint> exclude, int exFrom, int exTo)
    {
        int write = from, e = exFrom;
        for (int i = from; i < list.Count; i++)
        {
            uint v = list[i];
            while (e < exTo && exclude[e] < v)
            {
                e++;
            }

            if (e < exTo && exclude[e] == v)
            {
                continue;
            }

            list[write++] = v;
        }

        list.RemoveRange(write, list.Count - write);
    }

    /// <summary>Number of trie edges of a sorted distinct pattern list: the sliced matcher's AND operations.</summary>
    internal static int TrieEdges(ReadOnlySpan<uint> patterns, int width)
    {
        if (patterns.IsEmpty)
        {
            return 0;
        }

        int edges = width;
        for (int i = 1; i < patterns.Length; i++)
        {
            uint diff = patterns[i] ^ patterns[i - 1];
            edges += 32 - BitOperations.LeadingZeroCount(diff);
        }

        return edges;
    }

    private void ChooseModes(ClusterMemory memory)
    {
        int slots = 0;
        double directCost = _planes.Count * DirectCostPerExample;
        for (int k = 0; k < memory.Neurons; k++)
        {
            int width = memory.PatternWidth(k);
            int edges = TrieEdges(memory.Trues(k), width) + TrieEdges(memory.Falses(k), width);
            double slicedCost = (double)edges * _planes.Blocks;
            bool direct = Mode switch
            {
                NeuronMatchMode.Sliced => false,
                NeuronMatchMode.Direct => true,
                _ => slicedCost > directCost,
            };
            memory.DirectSlot[k] = direct ? slots++ : -1;
        }

        if (slots == 0)
        {
            return;
        }

        int vectorWords = _planes.Blocks * EvalPlanes.BlockWords;
        int stride = memory.HasFalse ? 2 : 1;
        var hits = new ulong[(long)slots * stride * vectorWords];
        for (int k = 0; k < memory.Neurons; k++)
        {
            int slot = memory.DirectSlot[k];
            if (slot >= 0)
            {
                ComputeDirectHits(memory, k,
                    hits.AsSpan(slot * stride * vectorWords, vectorWords),
                    stride == 2 ? hits.AsSpan(((slot * 2) + 1) * vectorWords, vectorWords) : default);
            }
        }

        memory.DirectHits = hits;
    }

    /// <summary>Looks every position's pattern up in the neuron's TRUE/FALSE sets and records the hits.</summary>
    private void ComputeDirectHits(ClusterMemory memory, int neuron, Span<ulong> trueHits, Span<ulong> falseHits)
    {
        int width = memory.PatternWidth(neuron);
        ReadOnlySpan<uint> trues = memory.Trues(neuron);
        ReadOnlySpan<uint> falses = memory.Falses(neuron);
        ReadOnlySpan<ulong> mask = memory.Masks.AsSpan(neuron * _words, _words);
        ulong[] inputs = _planes.Set.Inputs;
        int[] examples = _planes.Examples;
        int count = _planes.Count;
        if (width > MaxDenseTableBits)
        {
            for (int i = 0; i < count; i++)
            {
                uint p = Pattern(inputs, examples[i], mask);
                if (trues.BinarySearch(p) >= 0)
                {
                    trueHits[i >> 6] |= 1UL << (i & 63);
                }
                else if (falses.BinarySearch(p) >= 0)
                {
                    falseHits[i >> 6] |= 1UL << (i & 63);
                }
            }

            return;
        }

        int tableWords = Math.Max(1, (1 << width) >> 6);
        ulong[] tt = t_trueTable is { } a && a.Length >= tableWords ? a : (t_trueTable = new ulong[Math.Max(tableWords, 1024)]);
        ulong[] ft = t_falseTable is { } b && b.Length >= tableWords ? b : (t_falseTable = new ulong[Math.Max(tableWords, 1024)]);
        foreach (uint p in trues)
        {
            tt[p >> 6] |= 1UL << (int)(p & 63);
        }

        foreach (uint p in falses)
        {
            ft[p >> 6] |= 1UL << (int)(p & 63);
        }

        // Without a fast pext, per-mask byte tables turn each pattern into one lookup per byte the mask touches.
        bool gather = !BitExtract.UsesBmi2;
        uint[] gatherTables = t_gatherTables ??= new uint[Genome.MaxBitsPerNeuron * 256];
        int[] gatherBytes = t_gatherBytes ??= new int[Genome.MaxBitsPerNeuron];
        int touched = gather ? BitExtract.BuildGather(mask, gatherTables, gatherBytes) : 0;

        // One hit word per 64 positions, built without branches (TRUE and FALSE patterns are disjoint).
        bool anyFalse = !falses.IsEmpty;
        if (gather && _words == 1)
        {
            GatherHitsOneWord(inputs, examples, count, gatherTables, gatherBytes, touched, tt, ft, anyFalse, trueHits, falseHits);
        }
        else
        {
            PatternHits(inputs, examples, count, mask, gather, gatherTables, gatherBytes, touched, tt, ft, anyFalse, trueHits, falseHits);
        }

        // Leave the thread's tables empty for the next neuron: clear only what was set.
        foreach (uint p in trues)
        {
            tt[p >> 6] = 0;
        }

        foreach (uint p in falses)
        {
            ft[p >> 6] = 0;
        }
    }

    private void PatternHits(
        ulong[] inputs, int[] examples, int count, ReadOnlySpan<ulong> mask, bool gather, uint[] gatherTables, int[] gatherBytes, int touched,
        ulong[] tt, ulong[] ft, bool anyFalse, Span<ulong> trueHits, Span<ulong> falseHits)
    {
        for (int w = 0; w << 6 < count; w++)
        {
            int end = Math.Min(64, count - (w << 6));
            ulong t = 0, f = 0;
            for (int bit = 0; bit < end; bit++)
            {
                int example = examples[(w << 6) | bit];
                uint p = gather
                    ? BitExtract.Gather(inputs.AsSpan(example * _words, _words), gatherTables, gatherBytes, touched)
                    : Pattern(inputs, example, mask);
                t |= Bit(tt, p) << bit;
                f |= anyFalse ? Bit(ft, p) << bit : 0;
            }

            trueHits[w] |= t;
            if (anyFalse)
            {
                falseHits[w] |= f;
            }
        }
    }

    /// <summary>
    /// The table-pext hit loop for one-word rows (the common case): the row is read once and each touched byte is
    /// shifted out of it, through unchecked references (bytes index 256-entry tables, e &lt; touched ≤ the tables' count).
    /// </summary>
    private static void GatherHitsOneWord(
        ulong[] inputs, int[] examples, int count, uint[] gatherTables, int[] gatherBytes, int touched,
        ulong[] tt, ulong[] ft, bool anyFalse, Span<ulong> trueHits, Span<ulong> falseHits)
    {
        Span<int> shifts = stackalloc int[touched];
        for (int e = 0; e < touched; e++)
        {
            shifts[e] = gatherBytes[e] << 3;
        }

        ref uint tables = ref MemoryMarshal.GetArrayDataReference(gatherTables);
        ref int shift = ref MemoryMarshal.GetReference(shifts);
        for (int w = 0; w << 6 < count; w++)
        {
            int end = Math.Min(64, count - (w << 6));
            ulong t = 0, f = 0;
            for (int bit = 0; bit < end; bit++)
            {
                ulong row = inputs[examples[(w << 6) | bit]];
                uint p = 0;
                for (int e = 0; e < touched; e++)
                {
                    p |= Unsafe.Add(ref tables, (e << 8) | (int)((row >> Unsafe.Add(ref shift, e)) & 0xFF));
                }

                t |= Bit(tt, p) << bit;
                f |= anyFalse ? Bit(ft, p) << bit : 0;
            }

            trueHits[w] |= t;
            if (anyFalse)
            {
                falseHits[w] |= f;
            }
        }
    }

    /// <summary>Whether pattern <paramref name="p"/> is set in a dense pattern bitmap, as 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bit(ulong[] table, uint p) => (table[p >> 6] >> (int)(p & 63)) & 1UL;
}
