using System.Buffers;

namespace Wnn.Ram.Bitwise;

/// <summary>One thread's scratch for training a bitwise neuron: patterns, the sample, dense cell counters (kept zeroed).</summary>
internal sealed class NeuronScratch : IDisposable
{
    private readonly int _train;
    private readonly int _eval;
    private readonly int[] _patterns;
    private readonly int[] _evalPatterns;
    private readonly bool[] _inSample;
    private readonly int[] _votes;

    public NeuronScratch(int train, int eval)
    {
        _train = train;
        _eval = eval;
        _patterns = ArrayPool<int>.Shared.Rent(train);
        _evalPatterns = ArrayPool<int>.Shared.Rent(eval);
        _inSample = ArrayPool<bool>.Shared.Rent(train);
        _votes = ArrayPool<int>.Shared.Rent(eval);
    }

    public Span<int> Patterns => _patterns.AsSpan(0, _train);

    public Span<int> EvalPatterns => _evalPatterns.AsSpan(0, _eval);

    public Span<bool> InSample => _inSample.AsSpan(0, _train);

    public Span<int> Votes => _votes.AsSpan(0, _eval);

    /// <summary>Cell flags: 1 = a 1 was written, 2 = a 0 was written; zero after every neuron.</summary>
    public byte[] Seen { get; private set; } = [];

    /// <summary>c1 − c0 per cell; zero after every neuron.</summary>
    public int[] Diff { get; private set; } = [];

    public void EnsureCells(int cells)
    {
        if (Seen.Length < cells)
        {
            Seen = new byte[cells];
            Diff = new int[cells];
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_patterns);
        ArrayPool<int>.Shared.Return(_evalPatterns);
        ArrayPool<bool>.Shared.Return(_inSample);
        ArrayPool<int>.Shared.Return(_votes);
    }
}
