using System.Numerics;
using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Scores every position of an <see cref="EvalPlanes"/> against all clusters of one trained genome and fills an
/// <see cref="EvaluationState"/>. Clusters that never fire at a position keep their all-EMPTY score base(n), so a
/// position only pays for the clusters that deviate there: the normalizer is Σ_c exp(τ·base(n_c)) plus the
/// deviations, and the argmax is the better of the deviating top-K and the best non-deviating clusters.
/// </summary>
internal sealed class ScoringRun
{
    private const int TrackedRanks = 64;

    private readonly Genome _genome;
    private readonly ClusterMemory?[] _memories;
    private readonly int[] _touched;
    private readonly ScoreTables _tables;
    private readonly EvalPlanes _planes;
    private readonly int[] _rankPos;
    private readonly int[] _ranked;
    private readonly Lazy<int[]> _fullRanking;
    private readonly double _k0;

    public ScoringRun(Genome genome, ClusterMemory?[] memories, ScoreTables tables, EvalPlanes planes)
    {
        _genome = genome;
        _memories = memories;
        _tables = tables;
        _planes = planes;
        tables.Prepare(genome.NeuronsPerCluster);
        var touched = new List<int>();
        for (int c = 0; c < memories.Length; c++)
        {
            if (memories[c] is not null)
            {
                touched.Add(c);
            }
        }

        _touched = touched.ToArray();
        _ranked = Ranking(TrackedRanks);
        _rankPos = new int[genome.ClusterCount];
        Array.Fill(_rankPos, -1);
        for (int r = 0; r < _ranked.Length; r++)
        {
            _rankPos[_ranked[r]] = r;
        }

        _fullRanking = new Lazy<int[]>(() => Ranking(int.MaxValue));
        double k0 = 0;
        foreach (int n in genome.NeuronsPerCluster)
        {
            k0 += tables.ExpBase(n);
        }

        _k0 = k0;
    }

    /// <summary>The first <paramref name="limit"/> clusters ordered by (base(n_c) desc, index desc): who wins when nothing fires.</summary>
    private int[] Ranking(int limit)
    {
        int[] neurons = _genome.NeuronsPerCluster;
        var levels = neurons.Distinct().Select(_tables.Base).Distinct().OrderByDescending(b => b).ToArray();
        var result = new List<int>(Math.Min(limit, neurons.Length));
        foreach (double level in levels)
        {
            for (int c = neurons.Length - 1; c >= 0 && result.Count < limit; c--)
            {
                if (_tables.Base(neurons[c]) == level)
                {
                    result.Add(c);
                }
            }
        }

        return result.ToArray();
    }

    /// <summary>Scores all blocks in parallel; each block writes only its own positions, so the result is schedule-independent.</summary>
    public void ScoreAll(EvaluationState state, int maxDegree, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegree, CancellationToken = cancellationToken };
        Parallel.For(0, _planes.Blocks, options, () => new BlockScratch(), (block, _, scratch) =>
        {
            ScoreBlock(block, scratch, state);
            return scratch;
        }, _ => { });
    }

    private void ScoreBlock(int block, BlockScratch s, EvaluationState state)
    {
        const int K = EvaluationState.K;
        int start = block * EvalPlanes.BlockExamples;
        int count = _planes.BlockCount(block);
        int[] targets = _planes.Targets;
        double[] zdev = s.ZDev;
        ulong[] rankMask = s.RankMask;
        Array.Clear(zdev, 0, count);
        Array.Clear(rankMask, 0, count);
        double[] topScore = state.TopScore;
        int[] topCluster = state.TopCluster;
        for (int j = 0; j < count; j++)
        {
            int i = start + j;
            state.TargetScore[i] = _tables.Base(_genome.NeuronsPerCluster[targets[i]]);
            for (int r = 0; r < K; r++)
            {
                topScore[(i * K) + r] = double.NegativeInfinity;
                topCluster[(i * K) + r] = -1;
            }
        }

        foreach (int c in _touched)
        {
            ClusterMemory memory = _memories[c]!;
            if (!ClusterCounter.Count(memory, _planes, block, s))
            {
                continue;
            }

            int n = memory.Neurons;
            int planeCount = ClusterCounter.PlaneCount(n);
            bool hasFalse = memory.HasFalse;
            double[] scores = _tables.Scores(n);
            double[] dev = _tables.ExpDev(n);
            int rank = _rankPos[c];
            ulong rankBit = rank >= 0 ? 1UL << rank : 0;
            ulong[] union = s.Union;
            for (int w = 0; w < EvalPlanes.BlockWords; w++)
            {
                ulong u = union[w];
                while (u != 0)
                {
                    int bit = BitOperations.TrailingZeroCount(u);
                    u &= u - 1;
                    (int t, int f) = ClusterCounter.Read(s, planeCount, hasFalse, w, bit);
                    int cell = (t * (n + 1)) + f;
                    double score = scores[cell];
                    int j = (w << 6) | bit;
                    int i = start + j;
                    zdev[j] += dev[cell];
                    rankMask[j] |= rankBit;
                    if (targets[i] == c)
                    {
                        state.TargetScore[i] = score;
                    }

                    Insert(topScore, topCluster, i * K, score, c);
                }
            }
        }

        for (int j = 0; j < count; j++)
        {
            int i = start + j;
            state.ZSum[i] = _k0 + zdev[j];
            MergeUntouched(state, i, rankMask[j]);
        }
    }

    /// <summary>Inserts (score, cluster) into a top-K list ordered by (score desc, index desc).</summary>
    internal static void Insert(double[] topScore, int[] topCluster, int offset, double score, int cluster)
    {
        const int K = EvaluationState.K;
        if (!Better(score, cluster, topScore[offset + K - 1], topCluster[offset + K - 1]))
        {
            return;
        }

        int pos = K - 1;
        while (pos > 0 && Better(score, cluster, topScore[offset + pos - 1], topCluster[offset + pos - 1]))
        {
            topScore[offset + pos] = topScore[offset + pos - 1];
            topCluster[offset + pos] = topCluster[offset + pos - 1];
            pos--;
        }

        topScore[offset + pos] = score;
        topCluster[offset + pos] = cluster;
    }

    /// <summary>True when (s1, c1) ranks above (s2, c2): higher score, ties to the higher cluster index.</summary>
    internal static bool Better(double s1, int c1, double s2, int c2) => s1 > s2 || (s1 == s2 && c1 > c2);

    /// <summary>Merges the best clusters that did not fire at the position (score base(n)) into its top-K.</summary>
    private void MergeUntouched(EvaluationState state, int i, ulong firedRanks)
    {
        const int K = EvaluationState.K;
        Span<double> candScore = stackalloc double[K];
        Span<int> candCluster = stackalloc int[K];
        int found = 0;
        for (int r = 0; r < _ranked.Length && found < K; r++)
        {
            if (((firedRanks >> r) & 1UL) == 0)
            {
                candCluster[found] = _ranked[r];
                candScore[found] = _tables.Base(_genome.NeuronsPerCluster[_ranked[r]]);
                found++;
            }
        }

        if (found < K && _ranked.Length == TrackedRanks)
        {
            // Rare: every tracked candidate fired here. Continue down the full ranking, testing each cluster directly.
            int[] full = _fullRanking.Value;
            int example = _planes.Examples[i];
            for (int r = TrackedRanks; r < full.Length && found < K; r++)
            {
                int c = full[r];
                if (_memories[c] is not { } m || DirectCounts(m, example) == (0, 0))
                {
                    candCluster[found] = c;
                    candScore[found] = _tables.Base(_genome.NeuronsPerCluster[c]);
                    found++;
                }
            }
        }

        int offset = i * K;
        for (int r = 0; r < found; r++)
        {
            Insert(state.TopScore, state.TopCluster, offset, candScore[r], candCluster[r]);
        }

        int known = 0;
        while (known < K && state.TopCluster[offset + known] >= 0)
        {
            known++;
        }

        state.Valid[i] = (byte)known;
    }

    /// <summary>TRUE and FALSE counts of one cluster at one example, by looking its patterns up directly.</summary>
    internal int DirectCountsFor(int cluster, int example) =>
        _memories[cluster] is { } m ? DirectCounts(m, example).True : 0;

    private (int True, int False) DirectCounts(ClusterMemory m, int example)
    {
        int words = _planes.Set.Words;
        ReadOnlySpan<ulong> row = _planes.Set.Inputs.AsSpan(example * words, words);
        int t = 0, f = 0;
        for (int k = 0; k < m.Neurons; k++)
        {
            ulong pattern = 0;
            int shift = 0;
            for (int w = 0; w < words; w++)
            {
                ulong mask = m.Masks[(k * words) + w];
                pattern |= BitOps.Pext(row[w], mask) << shift;
                shift += BitOperations.PopCount(mask);
            }

            if (m.Trues(k).BinarySearch((uint)pattern) >= 0)
            {
                t++;
            }
            else if (m.Falses(k).BinarySearch((uint)pattern) >= 0)
            {
                f++;
            }
        }

        return (t, f);
    }

    /// <summary>Dense scores of one cluster at every position (base(n) where it does not fire).</summary>
    public static void ClusterScores(ClusterMemory? memory, int neurons, ScoreTables tables, EvalPlanes planes, Span<double> output, BlockScratch s)
    {
        output.Fill(tables.Base(neurons));
        if (memory is null)
        {
            return;
        }

        double[] scores = tables.Scores(neurons);
        int planeCount = ClusterCounter.PlaneCount(neurons);
        for (int block = 0; block < planes.Blocks; block++)
        {
            if (!ClusterCounter.Count(memory, planes, block, s))
            {
                continue;
            }

            int start = block * EvalPlanes.BlockExamples;
            for (int w = 0; w < EvalPlanes.BlockWords; w++)
            {
                ulong u = s.Union[w];
                while (u != 0)
                {
                    int bit = BitOperations.TrailingZeroCount(u);
                    u &= u - 1;
                    (int t, int f) = ClusterCounter.Read(s, planeCount, memory.HasFalse, w, bit);
                    output[start + (w << 6) + bit] = scores[(t * (neurons + 1)) + f];
                }
            }
        }
    }
}
