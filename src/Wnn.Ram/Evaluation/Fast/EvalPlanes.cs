using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Evaluation examples transposed to bit planes: for every block of <see cref="BlockExamples"/> examples and every
/// input bit, one bitset over the block's examples. Lets a neuron find all examples matching a stored address with
/// a few wide AND operations instead of one address computation per example.
/// </summary>
internal sealed class EvalPlanes
{
    public const int BlockWords = 64;
    public const int BlockExamples = BlockWords * 64;

    public EvalPlanes(ExampleSet set, int[]? subset = null)
    {
        Set = set;
        Examples = subset ?? Enumerable.Range(0, set.Count).ToArray();
        Count = Examples.Length;
        InputBits = set.InputBits;
        Blocks = (Count + BlockExamples - 1) / BlockExamples;
        Planes = new ulong[(long)Blocks * InputBits * BlockWords];
        Valid = new ulong[(long)Blocks * BlockWords];
        Targets = new int[Count];
        int words = set.Words;
        for (int i = 0; i < Count; i++)
        {
            int x = Examples[i];
            Targets[i] = set.Targets[x];
            int block = i / BlockExamples, local = i % BlockExamples;
            int w = local >> 6;
            ulong bit = 1UL << (local & 63);
            Valid[(block * BlockWords) + w] |= bit;
            ReadOnlySpan<ulong> row = set.Inputs.AsSpan(x * words, words);
            long baseIndex = (long)block * InputBits * BlockWords;
            for (int wi = 0; wi < words; wi++)
            {
                ulong v = row[wi];
                while (v != 0)
                {
                    int b = System.Numerics.BitOperations.TrailingZeroCount(v);
                    v &= v - 1;
                    int inputBit = (wi * 64) + b;
                    Planes[baseIndex + ((long)inputBit * BlockWords) + w] |= bit;
                }
            }
        }
    }

    public ExampleSet Set { get; }

    /// <summary>Example index in <see cref="Set"/> of every position.</summary>
    public int[] Examples { get; }

    public int Count { get; }

    public int InputBits { get; }

    public int Blocks { get; }

    /// <summary>[block][inputBit][word].</summary>
    public ulong[] Planes { get; }

    /// <summary>[block][word]: which positions of the block hold an example.</summary>
    public ulong[] Valid { get; }

    /// <summary>Target cluster of every position.</summary>
    public int[] Targets { get; }

    public ReadOnlySpan<ulong> BlockPlanes(int block) =>
        Planes.AsSpan(block * InputBits * BlockWords, InputBits * BlockWords);

    public ReadOnlySpan<ulong> BlockValid(int block) => Valid.AsSpan(block * BlockWords, BlockWords);

    public int BlockCount(int block) => Math.Min(BlockExamples, Count - (block * BlockExamples));
}
