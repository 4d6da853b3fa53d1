namespace Wnn.Ram.Evaluation.Fast;

/// <summary>Per-thread working memory of the block kernel.</summary>
internal sealed class BlockScratch
{
    public const int MaxCounterPlanes = 8;

    public ulong[] Levels { get; } = new ulong[(Wnn.Ram.Model.Genome.MaxBitsPerNeuron + 2) * EvalPlanes.BlockWords];

    public ulong[] HitTrue { get; } = new ulong[EvalPlanes.BlockWords];

    public ulong[] HitFalse { get; } = new ulong[EvalPlanes.BlockWords];

    public ulong[] CounterTrue { get; } = new ulong[MaxCounterPlanes * EvalPlanes.BlockWords];

    public ulong[] CounterFalse { get; } = new ulong[MaxCounterPlanes * EvalPlanes.BlockWords];

    public ulong[] Union { get; } = new ulong[EvalPlanes.BlockWords];

    public ulong[] RankMask { get; } = new ulong[EvalPlanes.BlockExamples];

    public double[] ZDev { get; } = new double[EvalPlanes.BlockExamples];
}
