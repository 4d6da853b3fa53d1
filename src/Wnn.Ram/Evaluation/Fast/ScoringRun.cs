using System.Numerics;
using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Scores every position of an <see cref="EvalPlanes"/> against all clusters of one trained genome and fills an
/// <see cref="EvaluationState"/>. Clusters that never fire at a position keep their all-EMPTY score base(n), so a
/// position only pays for the clusters that deviate there: the normalizer is Σ_c exp(b_c + τ·base(n_c)) plus the
/// deviations, and the argmax (by the logit b_c + τ·s_c) is the better of the deviating top-K and the best
/// non-deviating clusters. Clusters are visited bias class by bias class (largest bias first), so level counts are
/// summed into the normalizer with one class's terms at a time.
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
    private readonly Int128 _k0;

    /// <summary>Touched-cluster positions at which the candidate sets are rebuilt from the rising thresholds.</summary>
    private readonly int[] _refreshPoints;

    private readonly int[] _levelStart = new int[ScoreTables.MaxNeurons + 1];
    private readonly double[] _levelScore;
    private readonly int[] _levelN;
    private readonly int[] _levelCell;

    // levelsFrom: trained clusters scored one position at a time before level counting starts (they set the thresholds).
    public ScoringRun(Genome genome, ClusterMemory?[] memories, ScoreTables tables, EvalPlanes planes, int levelsFrom = 100)
    {
        _refreshPoints = [levelsFrom, .. new[] { 3, 6, 12, 25, 50, 100, 200 }.Select(f => Math.Max(levelsFrom + 1, 1) * f)];
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

        // Stable by index within a class; without a bias this is index order.
        _touched = touched.OrderBy(tables.ClassOf).ToArray();
        Array.Fill(_levelStart, -1);
        var levelScore = new List<double>();
        var levelN = new List<int>();
        var levelCell = new List<int>();
        foreach (int c in _touched)
        {
            int n = memories[c]!.Neurons;
            if (_levelStart[n] < 0)
            {
                // One level per (#TRUE, #FALSE) cell of the score table; (0, 0) and impossible cells stay unused.
                _levelStart[n] = levelScore.Count;
                double[] scores = tables.Scores(n);
                levelScore.AddRange(scores);
                levelN.AddRange(Enumerable.Repeat(n, scores.Length));
                levelCell.AddRange(Enumerable.Range(0, scores.Length));
            }
        }

        _levelScore = levelScore.ToArray();
        _levelN = levelN.ToArray();
        _levelCell = levelCell.ToArray();
        _ranked = Ranking(TrackedRanks);
        _rankPos = new int[genome.ClusterCount];
        Array.Fill(_rankPos, -1);
        for (int r = 0; r < _ranked.Length; r++)
        {
            _rankPos[_ranked[r]] = r;
        }

        _fullRanking = new Lazy<int[]>(() => Ranking(int.MaxValue));
        Int128 k0 = 0;
        for (int c = 0; c < genome.ClusterCount; c++)
        {
            k0 += tables.ExpBase(genome.NeuronsPerCluster[c], tables.ClassOf(c));
        }

        _k0 = k0;
    }

    /// <summary>The first <paramref name="limit"/> clusters ordered by (b_c + τ·base(n_c) desc, index desc): who wins when nothing fires.</summary>
    private int[] Ranking(int limit)
    {
        int[] neurons = _genome.NeuronsPerCluster;
        var keys = new double[neurons.Length];
        var order = new int[neurons.Length];
        for (int c = 0; c < neurons.Length; c++)
        {
            keys[c] = _tables.Logit(c, _tables.Base(neurons[c]));
            order[c] = c;
        }

        Array.Sort(order, (a, b) => Better(keys[a], a, keys[b], b) ? -1 : Better(keys[b], b, keys[a], a) ? 1 : 0);
        return order.Length <= limit ? order : order[..limit];
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
        Int128[] zdev = s.ZDev;
        ulong[] rankMask = s.RankMask;
        Array.Clear(zdev, 0, count);
        Array.Clear(rankMask, 0, count);
        double[] topScore = state.TopScore;
        int[] topCluster = state.TopCluster;
        int[] head = s.TargetHead(_genome.ClusterCount);
        int[] next = s.TargetNext;
        for (int j = 0; j < count; j++)
        {
            int i = start + j;
            int t = targets[i];
            next[j] = head[t];
            head[t] = j;
            state.TargetScore[i] = _tables.Base(_genome.NeuronsPerCluster[t]);
            for (int r = 0; r < K; r++)
            {
                topScore[(i * K) + r] = double.NegativeInfinity;
                topCluster[(i * K) + r] = -1;
            }
        }

        s.PrepareLevels(_levelScore.Length);
        int refresh = 0;
        bool filtered = false;
        for (int ti = 0; ti < _touched.Length; ti++)
        {
            if (refresh < _refreshPoints.Length && ti == _refreshPoints[refresh])
            {
                // Thresholds only rise, so candidate sets built from this snapshot stay supersets of where later
                // clusters can enter.
                s.Epoch++;
                // Clusters come in descending bias: this one's bias bounds every later one's in the epoch.
                s.EpochBias = _tables.ClassBias(_tables.ClassOf(_touched[ti]));
                for (int j = 0; j < count; j++)
                {
                    s.Thresholds[j] = topScore[((start + j) * K) + K - 1];
                }

                filtered = true;
                refresh++;
            }

            int c = _touched[ti];
            ClusterMemory memory = _memories[c]!;
            if (!ClusterCounter.Count(memory, _planes, block, s))
            {
                continue;
            }

            if (filtered)
            {
                int k = _tables.ClassOf(c);
                if (k != s.LevelClass)
                {
                    AddLevelDeviations(s);
                    s.LevelClass = k;
                }

                s.LevelClusters++;
                ScoreClusterByLevels(memory, s, state, start, count, head, next);
            }
            else
            {
                ScoreClusterPerHit(memory, s, state, start);
            }
        }

        AddLevelDeviations(s);
        for (int j = 0; j < count; j++)
        {
            int i = start + j;
            state.ZSum[i] = _k0 + zdev[j];
            MergeUntouched(state, i, rankMask[j]);
            head[targets[i]] = -1;
        }
    }

    /// <summary>Positions where the cluster fires are handled one by one: exact for any (TRUE, FALSE) mix.</summary>
    private void ScoreClusterPerHit(ClusterMemory memory, BlockScratch s, EvaluationState state, int start)
    {
        const int K = EvaluationState.K;
        int c = memory.Cluster;
        int n = memory.Neurons;
        int planeCount = ClusterCounter.PlaneCount(n);
        bool hasFalse = memory.HasFalse;
        double[] scores = _tables.Scores(n);
        Int128[] dev = _tables.ExpDev(n, _tables.ClassOf(c));
        int rank = _rankPos[c];
        ulong rankBit = rank >= 0 ? 1UL << rank : 0;
        ulong[] union = s.Union;
        int[] targets = _planes.Targets;
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
                s.ZDev[j] += dev[cell];
                s.RankMask[j] |= rankBit;
                if (targets[i] == c)
                {
                    state.TargetScore[i] = score;
                }

                Insert(state.TopScore, state.TopCluster, i * K, _tables.Logit(c, score), c);
            }
        }
    }

    /// <summary>
    /// Splits the cluster's firing positions by (#TRUE, #FALSE) into level bitsets, adds them to bit-sliced per-level
    /// counters (the normalizer is summed from those at the end of the block), and visits only positions whose current
    /// K-th best score the level can reach.
    /// </summary>
    private void ScoreClusterByLevels(ClusterMemory memory, BlockScratch s, EvaluationState state, int start, int count, int[] head, int[] next)
    {
        const int K = EvaluationState.K;
        int c = memory.Cluster;
        int n = memory.Neurons;
        int planeCount = ClusterCounter.PlaneCount(n);
        bool hasFalse = memory.HasFalse;
        int firstLevel = _levelStart[n];
        Span<ulong> byTrue = s.Level;
        Span<ulong> both = s.Level2;
        for (int t = 0; t <= n; t++)
        {
            if (!BitOps.ExtractLevel(s.CounterTrue, planeCount, t, s.Union, byTrue))
            {
                continue;
            }

            int maxFalse = hasFalse ? n - t : 0;
            for (int f = 0; f <= maxFalse; f++)
            {
                if (t + f == 0)
                {
                    continue;
                }

                Span<ulong> cells = byTrue;
                if (hasFalse)
                {
                    if (!BitOps.ExtractLevel(s.CounterFalse, planeCount, f, byTrue, both))
                    {
                        continue;
                    }

                    cells = both;
                }

                int l = firstLevel + (t * (n + 1)) + f;
                BitOps.AddToCounter(cells, s.LevelCounter(l), BlockScratch.LevelPlanes);
                s.MarkLevel(l);
                ReadOnlySpan<ulong> candidates = Candidates(s, l, count);
                double score = _tables.Logit(c, _levelScore[l]);
                for (int w = 0; w < EvalPlanes.BlockWords; w++)
                {
                    ulong u = cells[w] & candidates[w];
                    while (u != 0)
                    {
                        int j = (w << 6) | BitOperations.TrailingZeroCount(u);
                        u &= u - 1;
                        Insert(state.TopScore, state.TopCluster, (start + j) * K, score, c);
                    }
                }
            }
        }

        double[] scores = _tables.Scores(n);
        for (int j = head[c]; j >= 0; j = next[j])
        {
            if (((s.Union[j >> 6] >> (j & 63)) & 1UL) != 0)
            {
                (int t, int f) = ClusterCounter.Read(s, planeCount, hasFalse, j >> 6, j & 63);
                state.TargetScore[start + j] = scores[(t * (n + 1)) + f];
            }
        }

        int rank = _rankPos[c];
        if (rank >= 0)
        {
            for (int w = 0; w < EvalPlanes.BlockWords; w++)
            {
                ulong u = s.Union[w];
                while (u != 0)
                {
                    s.RankMask[(w << 6) | BitOperations.TrailingZeroCount(u)] |= 1UL << rank;
                    u &= u - 1;
                }
            }
        }
    }

    /// <summary>
    /// The positions whose K-th best logit at the epoch's start level <paramref name="level"/> can reach with the epoch's
    /// largest bias (a superset for every cluster of the epoch), rebuilt once per epoch.
    /// </summary>
    private ReadOnlySpan<ulong> Candidates(BlockScratch s, int level, int count)
    {
        Span<ulong> candidates = s.Candidates(level);
        if (s.CandidateEpoch[level] == s.Epoch)
        {
            return candidates;
        }

        s.CandidateEpoch[level] = s.Epoch;
        candidates.Clear();
        BitOps.AtMost(s.Thresholds.AsSpan(0, count), ScoreFormula.Logit(s.EpochBias, _tables.Scale, _levelScore[level]), candidates);
        return candidates;
    }

    /// <summary>
    /// Adds count × (Fixed_k(s) − Fixed_k(base)) of every level counted since the last call, k the class being counted,
    /// to the positions' normalizer deviations, and clears those counters. Counts are at most the clusters counted, so
    /// only that many low planes can be set.
    /// </summary>
    private void AddLevelDeviations(BlockScratch s)
    {
        if (s.LevelClusters == 0)
        {
            return;
        }

        Int128[] zdev = s.ZDev;
        int planes = Math.Min(BlockScratch.LevelPlanes, 64 - BitOperations.LeadingZeroCount((ulong)s.LevelClusters));
        foreach (int l in s.DirtyLevels)
        {
            Int128 dev = _tables.ExpDev(_levelN[l], s.LevelClass)[_levelCell[l]];
            Span<ulong> counter = s.LevelCounter(l);
            for (int p = 0; p < planes; p++)
            {
                Int128 weight = dev << p;
                Span<ulong> plane = counter.Slice(p * EvalPlanes.BlockWords, EvalPlanes.BlockWords);
                for (int w = 0; w < EvalPlanes.BlockWords; w++)
                {
                    ulong u = plane[w];
                    while (u != 0)
                    {
                        zdev[(w << 6) | BitOperations.TrailingZeroCount(u)] += weight;
                        u &= u - 1;
                    }
                }

                plane.Clear();
            }
        }

        s.ClearDirtyLevels();
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
                candScore[found] = _tables.Logit(_ranked[r], _tables.Base(_genome.NeuronsPerCluster[_ranked[r]]));
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
                    candScore[found] = _tables.Logit(c, _tables.Base(_genome.NeuronsPerCluster[c]));
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
                pattern |= BitExtract.Extract(row[w], mask) << shift;
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
