namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// The trained memory of one cluster in pattern form. A neuron's "pattern" of an example is the example's input bits
/// at the neuron's distinct connected positions, packed in ascending input-bit order (a parallel bit extract over the
/// connection mask). It induces the same cell partition as the MSB-first address in connection order, so a cell is
/// TRUE exactly when its pattern is in <see cref="TruePatterns"/>, FALSE when in <see cref="FalsePatterns"/>.
/// </summary>
internal sealed class ClusterMemory
{
    public required int Cluster { get; init; }

    public required int Neurons { get; init; }

    /// <summary>Connection masks, [neuron][input word].</summary>
    public required ulong[] Masks { get; init; }

    /// <summary>Input bit of every pattern bit, neuron-major; neuron k's bits start at <see cref="BitStart"/>[k].</summary>
    public required int[] Bits { get; init; }

    public required int[] BitStart { get; init; }

    /// <summary>Sorted distinct TRUE patterns, neuron-major.</summary>
    public required uint[] TruePatterns { get; init; }

    public required int[] TrueStart { get; init; }

    /// <summary>Sorted distinct FALSE patterns (never also TRUE), neuron-major.</summary>
    public required uint[] FalsePatterns { get; init; }

    public required int[] FalseStart { get; init; }

    /// <summary>Per neuron: index into <see cref="DirectHits"/> (in units of one hit vector pair), or -1 when sliced.</summary>
    public required int[] DirectSlot { get; init; }

    /// <summary>Precomputed hits of direct neurons over all positions: per slot a TRUE vector then a FALSE vector.</summary>
    public ulong[]? DirectHits { get; set; }

    public bool HasFalse => FalsePatterns.Length > 0;

    public int PatternWidth(int neuron) => BitStart[neuron + 1] - BitStart[neuron];

    public ReadOnlySpan<uint> Trues(int neuron) => TruePatterns.AsSpan(TrueStart[neuron], TrueStart[neuron + 1] - TrueStart[neuron]);

    public ReadOnlySpan<uint> Falses(int neuron) => FalsePatterns.AsSpan(FalseStart[neuron], FalseStart[neuron + 1] - FalseStart[neuron]);

    public ReadOnlySpan<int> NeuronBits(int neuron) => Bits.AsSpan(BitStart[neuron], PatternWidth(neuron));
}
