namespace Wnn.Ram.Evaluation.Fast;

/// <summary>Per-thread working memory of the block kernel.</summary>
internal sealed class BlockScratch
{
    public const int MaxCounterPlanes = 8;

    public ulong[] Levels { get; } = new ulong[(Wnn.Ram.Model.Genome.MaxBitsPerNeuron + 2) * EvalPlanes.BlockWords];

    public ulong[] CounterTrue { get; } = new ulong[MaxCounterPlanes * EvalPlanes.BlockWords];

    public ulong[] CounterFalse { get; } = new ulong[MaxCounterPlanes * EvalPlanes.BlockWords];

    public ulong[] Union { get; } = new ulong[EvalPlanes.BlockWords];

    public ulong[] RankMask { get; } = new ulong[EvalPlanes.BlockExamples];

    public Int128[] ZDev { get; } = new Int128[EvalPlanes.BlockExamples];

    /// <summary>Every position's K-th best score when the epoch began (a lower bound of the current one).</summary>
    public double[] Thresholds { get; } = new double[EvalPlanes.BlockExamples];

    /// <summary>Planes of a level counter: counts up to 65,535 clusters per position and level.</summary>
    public const int LevelPlanes = 16;

    private ulong[] _levelCounters = [];
    private bool[] _dirty = [];
    private readonly List<int> _dirtyLevels = [];
    private ulong[] _candidates = [];
    private int[] _targetHead = [];

    public ulong[] Level { get; } = new ulong[EvalPlanes.BlockWords];

    public ulong[] Level2 { get; } = new ulong[EvalPlanes.BlockWords];

    /// <summary>Bumped whenever thresholds should be re-read; a level's candidates are rebuilt when their epoch is older.</summary>
    public int Epoch { get; set; }

    public int[] CandidateEpoch { get; private set; } = [];

    public int[] TargetNext { get; } = new int[EvalPlanes.BlockExamples];

    /// <summary>Per cluster the first block position with that target (-1: none); the caller resets what it set.</summary>
    public int[] TargetHead(int clusters)
    {
        if (_targetHead.Length < clusters)
        {
            _targetHead = new int[clusters];
            Array.Fill(_targetHead, -1);
        }

        return _targetHead;
    }

    /// <summary>Clears the level counters and opens every level's candidate set.</summary>
    public void PrepareLevels(int levels)
    {
        int counterWords = levels * LevelPlanes * EvalPlanes.BlockWords;
        if (_levelCounters.Length < counterWords)
        {
            _levelCounters = new ulong[counterWords];
            _candidates = new ulong[levels * EvalPlanes.BlockWords];
            CandidateEpoch = new int[levels];
            _dirty = new bool[levels];
        }
        else
        {
            Array.Clear(_levelCounters, 0, counterWords);
        }

        ClearDirtyLevels();
        LevelClass = -1;
        Epoch++;
    }

    /// <summary>Largest output bias of the clusters left in the current epoch (candidate sets are built with it).</summary>
    public double EpochBias { get; set; }

    /// <summary>Bias class whose clusters the level counters hold (-1: none yet).</summary>
    public int LevelClass { get; set; } = -1;

    /// <summary>Clusters added to the level counters since they were last summed (bounds every count).</summary>
    public int LevelClusters { get; set; }

    /// <summary>Levels with a count since they were last summed, in first-use order.</summary>
    public List<int> DirtyLevels => _dirtyLevels;

    public void MarkLevel(int level)
    {
        if (!_dirty[level])
        {
            _dirty[level] = true;
            _dirtyLevels.Add(level);
        }
    }

    public void ClearDirtyLevels()
    {
        foreach (int l in _dirtyLevels)
        {
            _dirty[l] = false;
        }

        _dirtyLevels.Clear();
        LevelClusters = 0;
    }

    public Span<ulong> LevelCounter(int level) =>
        _levelCounters.AsSpan(level * LevelPlanes * EvalPlanes.BlockWords, LevelPlanes * EvalPlanes.BlockWords);

    public Span<ulong> Candidates(int level) => _candidates.AsSpan(level * EvalPlanes.BlockWords, EvalPlanes.BlockWords);
}
