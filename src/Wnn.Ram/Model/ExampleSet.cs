namespace Wnn.Ram.Model;

/// <summary>
/// Encoded examples: the context of example i as input bits packed little-endian into <see cref="Words"/> ulongs
/// (input bit j is bit j%64 of word j/64), and its target as a cluster index.
/// </summary>
public sealed class ExampleSet
{
    /// <summary>Creates an example set from already encoded arrays.</summary>
    public ExampleSet(int inputBits, ulong[] inputs, int[] targets)
    {
        InputBits = inputBits;
        Words = (inputBits + 63) / 64;
        if (inputs.Length != targets.Length * Words)
        {
            throw new ArgumentException($"inputs has {inputs.Length} words; expected {targets.Length} x {Words}");
        }

        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>Input width in bits (context size x bits per token).</summary>
    public int InputBits { get; }

    /// <summary>ulongs per example.</summary>
    public int Words { get; }

    /// <summary>Example-major packed input bits.</summary>
    public ulong[] Inputs { get; }

    /// <summary>Target cluster of every example.</summary>
    public int[] Targets { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Targets.Length;

    /// <summary>The packed input of example <paramref name="i"/>.</summary>
    public ReadOnlySpan<ulong> Input(int i) => Inputs.AsSpan(i * Words, Words);

    /// <summary>Input bit <paramref name="bit"/> of example <paramref name="i"/> (0 or 1).</summary>
    public int Bit(int i, int bit) => (int)((Inputs[(i * Words) + (bit >> 6)] >> (bit & 63)) & 1UL);

    /// <summary>Bits per token: ceil(log2 V).</summary>
    public static int BitsPerToken(int vocabularySize)
    {
        int b = 1;
        while ((1L << b) < vocabularySize)
        {
            b++;
        }

        return b;
    }

    /// <summary>
    /// Encodes L tokens into L - ctx examples: context t[i..i+ctx) oldest first, target t[i+ctx]. Input bit pos*B + b is
    /// bit (B-1-b) of the token id at context position pos.
    /// </summary>
    public static ExampleSet Encode(ReadOnlySpan<int> tokens, ClusterOrder order, int contextSize)
    {
        ArgumentNullException.ThrowIfNull(order);
        int bitsPerToken = BitsPerToken(order.Count);
        int inputBits = contextSize * bitsPerToken;
        int words = (inputBits + 63) / 64;
        int count = Math.Max(0, tokens.Length - contextSize);
        var inputs = new ulong[(long)count * words];
        var targets = new int[count];
        for (int i = 0; i < count; i++)
        {
            Span<ulong> row = inputs.AsSpan(i * words, words);
            for (int pos = 0; pos < contextSize; pos++)
            {
                int token = tokens[i + pos];
                if ((uint)token >= (uint)order.Count)
                {
                    throw new ArgumentException($"token id {token} is outside the vocabulary [0, {order.Count})");
                }

                for (int b = 0; b < bitsPerToken; b++)
                {
                    if (((token >> (bitsPerToken - 1 - b)) & 1) != 0)
                    {
                        int bit = (pos * bitsPerToken) + b;
                        row[bit >> 6] |= 1UL << (bit & 63);
                    }
                }
            }

            int target = tokens[i + contextSize];
            if ((uint)target >= (uint)order.Count)
            {
                throw new ArgumentException($"token id {target} is outside the vocabulary [0, {order.Count})");
            }

            targets[i] = order.TokenToCluster[target];
        }

        return new ExampleSet(inputBits, inputs, targets);
    }
}
