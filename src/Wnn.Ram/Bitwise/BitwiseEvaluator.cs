using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Evaluation.Fast;
using Wnn.Ram.Model;

namespace Wnn.Ram.Bitwise;

/// <summary>
/// The fast evaluator of docs/bitwise.md: per neuron, patterns of the distinct connected input bits (pext), dense
/// cell counters reset after use, integer quarter votes per cluster and example, then a vectorised combination.
/// Parallel over (cluster, neuron chunk) items; votes are integer sums, so results do not depend on the thread count.
/// </summary>
public sealed class BitwiseEvaluator : IGenomeEvaluator
{
    private const int NeuronsPerItem = 4;
    private const int BlockSize = 2048;

    private readonly BitwiseOptions _options;
    private readonly int _threads;
    private readonly bool _keepStates;
    private readonly int[] _trainY;
    private readonly long[] _evalY;
    private readonly ConditionalWeakTable<Genome, int[][]> _votes = [];

    /// <summary>Creates a fast bitwise evaluator over <paramref name="data"/>.</summary>
    public BitwiseEvaluator(EvaluationData data, BitwiseOptions options, int threads = 0, bool keepStates = true)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        _keepStates = keepStates;
        Bits = ExampleSet.BitsPerToken(data.ClusterCount);
        _trainY = BitwiseModel.TargetTokens(data.Train, data.Order);
        _evalY = Array.ConvertAll(BitwiseModel.TargetTokens(data.Eval, data.Order), t => (long)t);
    }

    /// <inheritdoc />
    public EvaluationData Data { get; }

    /// <summary>B: the number of bit-clusters.</summary>
    public int Bits { get; }

    /// <summary>Forces the scalar combination (tests compare it with the vector one).</summary>
    public bool ForceScalar { get; init; }

    /// <summary>The kernel path, e.g. <c>Vector&lt;T&gt; 256-bit, pext bmi2</c>.</summary>
    public static string Kernels => $"Vector<T> {BitwiseCombine.VectorBits}-bit, pext {BitExtract.Form}";

    /// <inheritdoc />
    public EvaluationResult Evaluate(Genome genome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genome);
        genome.ValidateFor(Bits, Data.InputBits);
        var votes = new int[Bits][];
        ComputeVotes(genome, Enumerable.Range(0, Bits).ToArray(), votes, cancellationToken);
        return Finish(genome, votes, cancellationToken);
    }

    /// <inheritdoc />
    public EvaluationResult EvaluateDerived(Genome child, Genome parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(parent);
        if (!_votes.TryGetValue(parent, out int[][]? parentVotes) || parent.ClusterCount != Bits)
        {
            return Evaluate(child, cancellationToken);
        }

        child.ValidateFor(Bits, Data.InputBits);
        var votes = (int[][])parentVotes.Clone();
        int[] changed = Enumerable.Range(0, Bits).Where(j => !child.ClusterEquals(parent, j)).ToArray();
        ComputeVotes(child, changed, votes, cancellationToken);
        return Finish(child, votes, cancellationToken);
    }

    /// <inheritdoc />
    public Func<double, EvaluationResult> ScaleProbe(Genome genome, CancellationToken cancellationToken = default)
    {
        EvaluationResult result = Evaluate(genome, cancellationToken);
        return _ => result;
    }

    private EvaluationResult Finish(Genome genome, int[][] votes, CancellationToken cancellationToken)
    {
        if (_keepStates)
        {
            _votes.AddOrUpdate(genome, votes);
        }

        return Combine(genome, votes, cancellationToken);
    }

    private void ComputeVotes(Genome genome, int[] clusters, int[][] votes, CancellationToken cancellationToken)
    {
        int m = Data.Eval.Count;
        var items = new List<(int Cluster, int First, int Count)>();
        foreach (int j in clusters)
        {
            votes[j] = new int[m];
            int n = genome.NeuronsPerCluster[j];
            if (n > BitwiseOptions.MaxNeuronsPerCluster)
            {
                throw new GenomeValidationException(
                    $"neurons_per_cluster[{j}] = {n}; the bitwise model allows at most {BitwiseOptions.MaxNeuronsPerCluster}");
            }

            for (int first = 0; first < n; first += NeuronsPerItem)
            {
                items.Add((j, first, Math.Min(NeuronsPerItem, n - first)));
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        Parallel.For(0, items.Count, options, () => new NeuronScratch(Data.Train.Count, m), (index, _, scratch) =>
        {
            (int j, int first, int count) = items[index];
            Span<int> partial = scratch.Votes;
            partial.Clear();
            for (int mIndex = first; mIndex < first + count; mIndex++)
            {
                TrainAndVote(genome, j, mIndex, scratch, partial);
            }

            int[] target = votes[j];
            lock (target)
            {
                Add(target, partial);
            }

            return scratch;
        }, scratch => scratch.Dispose());
    }

    /// <summary>Integer adds (order-free, so the lock order does not matter), vectorised.</summary>
    private static void Add(Span<int> target, ReadOnlySpan<int> partial)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<int>.Count;
            for (; i + w <= target.Length; i += w)
            {
                (new Vector<int>(target.Slice(i, w)) + new Vector<int>(partial.Slice(i, w))).CopyTo(target.Slice(i, w));
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += partial[i];
        }
    }

    private void TrainAndVote(Genome genome, int cluster, int neuronInCluster, NeuronScratch scratch, Span<int> votes)
    {
        int neuron = genome.NeuronStart(cluster) + neuronInCluster;
        ExampleSet train = Data.Train, eval = Data.Eval;
        int words = train.Words;
        Span<ulong> mask = stackalloc ulong[words];
        foreach (int c in genome.NeuronConnections(neuron))
        {
            mask[c >> 6] |= 1UL << (c & 63);
        }

        int width = 0;
        foreach (ulong w in mask)
        {
            width += BitOperations.PopCount(w);
        }

        scratch.EnsureCells(1 << width);
        Span<int> patterns = scratch.Patterns;
        Patterns(train.Inputs, words, mask, patterns);
        Span<bool> inSample = scratch.InSample;
        BitwiseModel.Sample(cluster, neuronInCluster, _options.NeuronSampleRate, inSample);
        int shift = Bits - 1 - cluster;
        byte[] seen = scratch.Seen;
        int[] diff = scratch.Diff;
        bool ternary = _options.MemoryMode == MemoryMode.Ternary;
        int[] trainY = _trainY;
        for (int i = 0; i < patterns.Length; i++)
        {
            if (!inSample[i])
            {
                continue;
            }

            int p = patterns[i];
            int bit = (trainY[i] >> shift) & 1;
            seen[p] |= (byte)(2 - bit); // 1 = a 1 was written, 2 = a 0 was written
            if (!ternary)
            {
                diff[p] += (bit << 1) - 1;
            }
        }

        Span<int> evalPatterns = scratch.EvalPatterns;
        Patterns(eval.Inputs, words, mask, evalPatterns);
        MemoryMode mode = _options.MemoryMode;
        for (int i = 0; i < evalPatterns.Length; i++)
        {
            int p = evalPatterns[i];
            byte s = seen[p];
            votes[i] += s == 0 ? 2 : ternary ? ((s & 1) != 0 ? 4 : 0) : QuadQuarters(mode, diff[p]);
        }

        for (int i = 0; i < patterns.Length; i++)
        {
            int p = patterns[i];
            seen[p] = 0;
            diff[p] = 0;
        }
    }

    /// <summary>A written cell's quarters from d = c1 − c0 alone (any counts with that difference, not both zero).</summary>
    private static int QuadQuarters(MemoryMode mode, int d) => BitwiseModel.CellQuarters(mode, d >= 0 ? d + 1 : 0, d >= 0 ? 1 : -d);

    private static void Patterns(ulong[] inputs, int words, ReadOnlySpan<ulong> mask, Span<int> patterns)
    {
        if (words == 1)
        {
            ulong m0 = mask[0];
            for (int i = 0; i < patterns.Length; i++)
            {
                patterns[i] = (int)BitExtract.Extract(inputs[i], m0);
            }

            return;
        }

        for (int i = 0; i < patterns.Length; i++)
        {
            ulong pattern = 0;
            int offset = 0;
            int row = i * words;
            for (int w = 0; w < words; w++)
            {
                if (mask[w] != 0)
                {
                    pattern |= BitExtract.Extract(inputs[row + w], mask[w]) << offset;
                    offset += BitOperations.PopCount(mask[w]);
                }
            }

            patterns[i] = (int)pattern;
        }
    }

    private EvaluationResult Combine(Genome genome, int[][] votes, CancellationToken cancellationToken)
    {
        int m = Data.Eval.Count;
        int blocks = (m + BlockSize - 1) / BlockSize;
        var losses = new double[m];
        var correct = new bool[m];
        int bits = Bits, vocabulary = Data.ClusterCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        Parallel.For(0, blocks, options, block =>
        {
            int start = block * BlockSize;
            int count = Math.Min(BlockSize, m - start);
            double[] buffer = ArrayPool<double>.Shared.Rent((bits + 2) * BlockSize);
            try
            {
                Span<double> p = buffer.AsSpan(0, bits * BlockSize);
                Span<double> z = buffer.AsSpan(bits * BlockSize, BlockSize);
                Span<double> s = buffer.AsSpan((bits + 1) * BlockSize, BlockSize);
                for (int j = 0; j < bits; j++)
                {
                    int n = genome.NeuronsPerCluster[j];
                    int[] q = votes[j];
                    for (int i = 0; i < count; i++)
                    {
                        p[(j * BlockSize) + i] = BitwiseModel.BitProbability(q[start + i], n);
                    }
                }

                BitwiseCombine.Products(p, BlockSize, bits, vocabulary, _evalY.AsSpan(start, count), count, z, s, ForceScalar);
                for (int i = 0; i < count; i++)
                {
                    losses[start + i] = -Math.Log((s[i] / z[i]) + 1e-10);
                    int greedy = 0;
                    for (int j = 0; j < bits; j++)
                    {
                        // The more likely bit, ties 1: Q + 2 ≥ 2(n + 1) ⇔ p ≥ 1/2.
                        greedy = (greedy << 1) | (votes[j][start + i] + 2 >= 2 * (genome.NeuronsPerCluster[j] + 1) ? 1 : 0);
                    }

                    correct[start + i] = BitwiseCombine.Argmax(p, BlockSize, i, bits, vocabulary, greedy) == _evalY[start + i];
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        });

        double sum = 0;
        int hits = 0;
        for (int i = 0; i < m; i++)
        {
            sum += losses[i];
            hits += correct[i] ? 1 : 0;
        }

        return new EvaluationResult(sum / m, (double)hits / m);
    }
}
