using System.Runtime.CompilerServices;
using Wnn.Ram.Evaluation.Fast;
using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation;

/// <summary>
/// The fast exact evaluator: equal to <see cref="ReferenceEvaluator"/> within 1e-9 (CE) and exactly (accuracy),
/// independent of the thread count. Trains each cluster into sorted pattern sets, finds the evaluation examples that
/// hit stored patterns with bit-plane intersections (or direct lookups for heavily trained neurons), and pays per
/// example only for the clusters that fire there.
/// </summary>
public sealed class GenomeEvaluator : IGenomeEvaluator
{
    private readonly EvalPlanes _planes;
    private readonly ScoreTables _tables;
    private readonly ClusterTrainer _trainer;
    private readonly GenomeEvaluatorOptions _options;
    private readonly ConditionalWeakTable<Genome, EvaluationState> _states = [];

    /// <summary>Prepares the evaluation examples of <paramref name="data"/> (bit planes) once for all genomes.</summary>
    public GenomeEvaluator(EvaluationData data, GenomeEvaluatorOptions? options = null)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        _options = options ?? new GenomeEvaluatorOptions();
        if (_options.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism {_options.MaxDegreeOfParallelism} must be at least 1");
        }

        _planes = new EvalPlanes(data.Eval);
        _tables = new ScoreTables(data.Options.EmptyValue, data.Options.ScoreScale, data.Biases);
        _trainer = new ClusterTrainer(data, _planes) { Mode = _options.Mode, DirectCostPerExample = _options.DirectCostPerExample };
    }

    /// <inheritdoc />
    public EvaluationData Data { get; }

    /// <summary>Counters of how evaluations were done (for benchmarks and tests).</summary>
    public EvaluatorCounters Counters { get; } = new();

    /// <inheritdoc />
    public EvaluationResult Evaluate(Genome genome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genome);
        Validate(genome);
        EvaluationState state = FullState(genome, _planes, _trainer, cancellationToken);
        Counters.Full++;
        if (_options.KeepStates)
        {
            _states.AddOrUpdate(genome, state);
        }

        return state.Result(_planes.Targets, _tables);
    }

    /// <inheritdoc />
    public EvaluationResult EvaluateDerived(Genome child, Genome parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(parent);
        if (!_states.TryGetValue(parent, out EvaluationState? parentState) || child.ClusterCount != parent.ClusterCount)
        {
            return Evaluate(child, cancellationToken);
        }

        Validate(child);
        var changed = new List<int>();
        for (int c = 0; c < child.ClusterCount; c++)
        {
            if (!child.ClusterEquals(parent, c))
            {
                changed.Add(c);
                if (changed.Count > _options.MaxIncrementalClusters)
                {
                    return Evaluate(child, cancellationToken);
                }
            }
        }

        EvaluationState state = IncrementalUpdate(parentState, parent, child, changed, cancellationToken);
        Counters.Incremental++;
        if (_options.KeepStates)
        {
            _states.AddOrUpdate(child, state);
        }

        return state.Result(_planes.Targets, _tables);
    }

    /// <inheritdoc />
    public Func<double, EvaluationResult> ScaleProbe(Genome genome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genome);
        Validate(genome);
        ClusterMemory?[] memories = TrainAll(genome, _trainer, cancellationToken);
        return scale =>
        {
            var tables = new ScoreTables(Data.Options.EmptyValue, scale, Data.Biases);
            var run = new ScoringRun(genome, memories, tables, _planes, _options.LevelsFrom);
            var state = new EvaluationState(_planes.Count);
            run.ScoreAll(state, _options.MaxDegreeOfParallelism, cancellationToken);
            return state.Result(_planes.Targets, tables);
        };
    }

    /// <summary>Drops the kept per-example results of <paramref name="genome"/>.</summary>
    public void Forget(Genome genome) => _states.Remove(genome);

    private void Validate(Genome genome)
    {
        genome.ValidateFor(Data.ClusterCount, Data.InputBits);
        for (int c = 0; c < genome.ClusterCount; c++)
        {
            if (genome.NeuronsPerCluster[c] > ScoreTables.MaxNeurons)
            {
                throw new GenomeValidationException(
                    $"neurons_per_cluster[{c}] = {genome.NeuronsPerCluster[c]}; the evaluator supports at most {ScoreTables.MaxNeurons}");
            }
        }
    }

    private EvaluationState FullState(Genome genome, EvalPlanes planes, ClusterTrainer trainer, CancellationToken cancellationToken)
    {
        ClusterMemory?[] memories = TrainAll(genome, trainer, cancellationToken);
        var run = new ScoringRun(genome, memories, _tables, planes, _options.LevelsFrom);
        var state = new EvaluationState(planes.Count);
        run.ScoreAll(state, _options.MaxDegreeOfParallelism, cancellationToken);
        return state;
    }

    private ClusterMemory?[] TrainAll(Genome genome, ClusterTrainer trainer, CancellationToken cancellationToken)
    {
        var memories = new ClusterMemory?[genome.ClusterCount];
        // Frequent clusters (low ranks) carry most of the training work: schedule them one by one so no thread is left
        // with a run of heavy clusters, and the long tail in chunks of 64.
        const int single = 512, chunk = 64;
        int heads = Math.Min(single, genome.ClusterCount);
        int items = heads + ((genome.ClusterCount - heads + chunk - 1) / chunk);
        var options = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, items, options, item =>
        {
            int start = item < heads ? item : heads + ((item - heads) * chunk);
            int end = item < heads ? item + 1 : Math.Min(genome.ClusterCount, start + chunk);
            for (int c = start; c < end; c++)
            {
                memories[c] = trainer.Train(genome, c);
            }
        });
        return memories;
    }

    private EvaluationState IncrementalUpdate(
        EvaluationState parentState, Genome parent, Genome child, List<int> changed, CancellationToken cancellationToken)
    {
        const int K = EvaluationState.K;
        EvaluationState state = parentState.Clone();
        int count = _planes.Count;
        var oldScores = new double[count];
        var newScores = new double[count];
        var oldScratch = new BlockScratch();
        var newScratch = new BlockScratch();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        int[] targets = _planes.Targets;
        foreach (int c in changed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int k = _tables.ClassOf(c);
            // The parent's and the child's version of the cluster are independent: train and score them side by side.
            Parallel.Invoke(
                parallel,
                () => ScoringRun.ClusterScores(_trainer.Train(parent, c), parent.NeuronsPerCluster[c], _tables, _planes, oldScores, oldScratch),
                () => ScoringRun.ClusterScores(_trainer.Train(child, c), child.NeuronsPerCluster[c], _tables, _planes, newScores, newScratch));
            for (int i = 0; i < count; i++)
            {
                double before = oldScores[i], after = newScores[i];
                if (targets[i] == c)
                {
                    state.TargetScore[i] = after;
                }

                if (before == after)
                {
                    continue;
                }

                // Exact integer terms: the result equals a full evaluation bit for bit.
                state.ZSum[i] += _tables.Fixed(after, k) - _tables.Fixed(before, k);
                ReplaceInTop(state, i * K, c, _tables.Logit(c, after), child.ClusterCount);
            }
        }

        var stale = new List<int>();
        for (int i = 0; i < count; i++)
        {
            if (state.Valid[i] == 0)
            {
                stale.Add(i);
            }
        }

        if (stale.Count > 0)
        {
            Counters.Fallback += stale.Count;
            RecomputeTop(child, state, stale, cancellationToken);
        }

        return state;
    }

    /// <summary>
    /// Cluster <paramref name="cluster"/> changed its score at one position. Entries 0..Valid-1 are the exact top of all
    /// clusters; removing the cluster keeps the rest exact, and the new score enters if it ranks within them.
    /// </summary>
    private static void ReplaceInTop(EvaluationState state, int offset, int cluster, double score, int clusterCount)
    {
        const int K = EvaluationState.K;
        int i = offset / K;
        int valid = state.Valid[i];
        double[] ts = state.TopScore;
        int[] tc = state.TopCluster;
        for (int r = 0; r < valid; r++)
        {
            if (tc[offset + r] == cluster)
            {
                for (int q = r; q < K - 1; q++)
                {
                    ts[offset + q] = ts[offset + q + 1];
                    tc[offset + q] = tc[offset + q + 1];
                }

                ts[offset + K - 1] = double.NegativeInfinity;
                tc[offset + K - 1] = -1;
                valid--;
                break;
            }
        }

        // Entries past 'valid' are no longer trustworthy; the new score may enter only among the exact ones, or
        // directly after them, since every cluster not listed ranks below the last exact entry.
        int pos = valid;
        while (pos > 0 && ScoringRun.Better(score, cluster, ts[offset + pos - 1], tc[offset + pos - 1]))
        {
            pos--;
        }

        // With every other cluster listed, a last place is known exactly too (tiny vocabularies).
        if (pos < valid || (pos == valid && valid < K && valid == clusterCount - 1))
        {
            for (int q = Math.Min(valid, K - 1); q > pos; q--)
            {
                ts[offset + q] = ts[offset + q - 1];
                tc[offset + q] = tc[offset + q - 1];
            }

            ts[offset + pos] = score;
            tc[offset + pos] = cluster;
            valid = Math.Min(K, valid + 1);
        }

        state.Valid[i] = (byte)valid;
    }

    private void RecomputeTop(Genome child, EvaluationState state, List<int> positions, CancellationToken cancellationToken)
    {
        const int K = EvaluationState.K;
        int[] examples = positions.Select(p => _planes.Examples[p]).ToArray();
        var subset = new EvalPlanes(Data.Eval, examples);
        var trainer = new ClusterTrainer(Data, subset) { Mode = _options.Mode, DirectCostPerExample = _options.DirectCostPerExample };
        EvaluationState sub = FullState(child, subset, trainer, cancellationToken);
        for (int j = 0; j < positions.Count; j++)
        {
            int i = positions[j];
            Array.Copy(sub.TopScore, j * K, state.TopScore, i * K, K);
            Array.Copy(sub.TopCluster, j * K, state.TopCluster, i * K, K);
            state.Valid[i] = sub.Valid[j];
        }
    }
}
