using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>
/// Mutation and crossover of genomes (docs/ram-lm.md, docs/phased-search.md). Only clusters marked mutable change
/// through mutation; every operator reports the clusters that differ from the first parent.
/// </summary>
public sealed class GenomeOperators
{
    private static readonly int[] Shifts = [-2, -1, 1, 2];
    private readonly bool[] _mutable;

    /// <summary>Creates operators for genomes whose input width is <paramref name="inputBits"/>.</summary>
    public GenomeOperators(MutationBounds bounds, bool[] mutableClusters, int inputBits)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(mutableClusters);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputBits, 1);
        Bounds = bounds;
        _mutable = mutableClusters;
        InputBits = inputBits;
    }

    /// <summary>The mutation bounds.</summary>
    public MutationBounds Bounds { get; }

    /// <summary>Input width in bits: connections lie in [0, InputBits).</summary>
    public int InputBits { get; }

    /// <summary>Whether cluster <paramref name="cluster"/> may mutate.</summary>
    public bool IsMutable(int cluster) => _mutable[cluster];

    /// <summary>
    /// Which clusters may mutate: a tier's optimize flag, and with <paramref name="optimizeTier0Only"/> only tier 0.
    /// </summary>
    public static bool[] MutableClusters(TierConfig tiers, int clusterCount, bool optimizeTier0Only)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        int[] tierOf = tiers.TierOfClusters(clusterCount);
        var result = new bool[clusterCount];
        for (int c = 0; c < clusterCount; c++)
        {
            result[c] = tiers.Tiers[tierOf[c]].Optimize && (!optimizeTier0Only || tierOf[c] == 0);
        }

        return result;
    }

    /// <summary>Mutates <paramref name="parent"/> in <paramref name="dimension"/> with per-item probability <paramref name="rate"/>.</summary>
    public Offspring Mutate(Genome parent, PhaseDimension dimension, double rate, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(rng);
        if (parent.ClusterCount != _mutable.Length)
        {
            throw new ArgumentException($"genome has {parent.ClusterCount} clusters; operators were built for {_mutable.Length}");
        }

        return dimension switch
        {
            PhaseDimension.Neurons => MutateNeurons(parent, rate, rng),
            PhaseDimension.Bits => MutateBits(parent, rate, rng),
            _ => MutateConnections(parent, rate, rng),
        };
    }

    /// <summary>
    /// A grid genome: every mutable cluster gets <paramref name="neurons"/> neurons of <paramref name="bits"/> bits each,
    /// every connection drawn uniformly from the input bits (in cluster, neuron, bit order); other clusters as in <paramref name="source"/>.
    /// </summary>
    public Genome Uniform(Genome source, int neurons, int bits, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rng);
        int[] perCluster = new int[source.ClusterCount];
        var bitList = new IntBuffer(source.NeuronCount);
        var conns = new IntBuffer(source.Connections.Length);
        for (int c = 0; c < source.ClusterCount; c++)
        {
            if (!_mutable[c])
            {
                perCluster[c] = source.NeuronsPerCluster[c];
                CopyClusters(source, c, c + 1, bitList, conns);
                continue;
            }

            perCluster[c] = neurons;
            for (int k = 0; k < neurons; k++)
            {
                bitList.Add(bits);
                for (int i = 0; i < bits; i++)
                {
                    conns.Add(rng.NextInt(InputBits));
                }
            }
        }

        return new Genome(perCluster, bitList.ToArray(), conns.ToArray());
    }

    private Offspring MutateNeurons(Genome parent, double rate, Rng rng)
    {
        int clusters = parent.ClusterCount;
        int delta = Bounds.NeuronsDelta;
        int[] neurons = (int[])parent.NeuronsPerCluster.Clone();
        var changed = new List<int>();
        for (int c = 0; c < clusters; c++)
        {
            if (_mutable[c] && rng.NextDouble() < rate)
            {
                int n = Math.Clamp(neurons[c] + rng.NextInclusive(-delta, delta), Bounds.MinNeurons, Bounds.MaxNeurons);
                if (n != neurons[c])
                {
                    neurons[c] = n;
                    changed.Add(c);
                }
            }
        }

        if (changed.Count == 0)
        {
            return new Offspring(parent, parent, [], true);
        }

        var bits = new IntBuffer(parent.NeuronCount + 64);
        var conns = new IntBuffer(parent.Connections.Length + 1024);
        int copyFrom = 0;
        foreach (int c in changed)
        {
            CopyClusters(parent, copyFrom, c, bits, conns);
            int old = parent.NeuronsPerCluster[c];
            int first = parent.NeuronStart(c);
            int keep = Math.Min(old, neurons[c]);
            bits.AddRange(parent.BitsPerNeuron.AsSpan(first, keep));
            conns.AddRange(parent.Connections.AsSpan(parent.ConnectionStart(first), parent.ConnectionStart(first + keep) - parent.ConnectionStart(first)));
            for (int k = old; k < neurons[c]; k++)
            {
                AddShiftedSibling(parent, first + rng.NextInt(old), bits, conns, rng);
            }

            copyFrom = c + 1;
        }

        CopyClusters(parent, copyFrom, clusters, bits, conns);
        return new Offspring(new Genome(neurons, bits.ToArray(), conns.ToArray()), parent, [.. changed], true);
    }

    /// <summary>A new neuron: a sibling's bit count and connections, each shifted by ±1 or ±2 and clamped; extra connections random.</summary>
    private void AddShiftedSibling(Genome parent, int sibling, IntBuffer bits, IntBuffer conns, Rng rng)
    {
        int siblingBits = parent.BitsPerNeuron[sibling];
        int b = Math.Clamp(siblingBits + Shifts[rng.NextInt(4)], Bounds.MinBits, Bounds.MaxBits);
        bits.Add(b);
        ReadOnlySpan<int> source = parent.NeuronConnections(sibling);
        for (int i = 0; i < b; i++)
        {
            conns.Add(i < source.Length
                ? Math.Clamp(source[i] + Shifts[rng.NextInt(4)], 0, InputBits - 1)
                : rng.NextInt(InputBits));
        }
    }

    private static void CopyClusters(Genome parent, int from, int to, IntBuffer bits, IntBuffer conns)
    {
        if (to <= from)
        {
            return;
        }

        int n0 = parent.NeuronStart(from);
        int n1 = to == parent.ClusterCount ? parent.NeuronCount : parent.NeuronStart(to);
        bits.AddRange(parent.BitsPerNeuron.AsSpan(n0, n1 - n0));
        int c0 = parent.ConnectionStart(n0);
        int c1 = parent.ConnectionStart(n1);
        conns.AddRange(parent.Connections.AsSpan(c0, c1 - c0));
    }

    private Offspring MutateBits(Genome parent, double rate, Rng rng)
    {
        int delta = Bounds.BitsDelta;
        var bits = new IntBuffer(parent.NeuronCount);
        var conns = new IntBuffer(parent.Connections.Length + 1024);
        var changed = new List<int>();
        var newBits = new List<int>();
        int copyFrom = 0;
        for (int c = 0; c < parent.ClusterCount; c++)
        {
            if (!_mutable[c])
            {
                continue;
            }

            int first = parent.NeuronStart(c);
            int n = parent.NeuronsPerCluster[c];
            bool clusterChanged = false;
            newBits.Clear();
            for (int k = first; k < first + n; k++)
            {
                int old = parent.BitsPerNeuron[k];
                int b = old;
                if (rng.NextDouble() < rate)
                {
                    b = Math.Clamp(old + rng.NextInclusive(-delta, delta), Bounds.MinBits, Bounds.MaxBits);
                }

                clusterChanged |= b != old;
                newBits.Add(b);
            }

            if (!clusterChanged)
            {
                continue;
            }

            CopyClusters(parent, copyFrom, c, bits, conns);
            for (int j = 0; j < n; j++)
            {
                int k = first + j;
                int old = parent.BitsPerNeuron[k];
                int b = newBits[j];
                bits.Add(b);
                ReadOnlySpan<int> source = parent.NeuronConnections(k);
                conns.AddRange(source[..Math.Min(old, b)]);
                for (int i = old; i < b; i++)
                {
                    conns.Add(rng.NextInt(InputBits));
                }
            }

            changed.Add(c);
            copyFrom = c + 1;
        }

        if (changed.Count == 0)
        {
            return new Offspring(parent, parent, [], true);
        }

        CopyClusters(parent, copyFrom, parent.ClusterCount, bits, conns);
        return new Offspring(new Genome(parent.NeuronsPerCluster, bits.ToArray(), conns.ToArray()), parent, [.. changed], true);
    }

    private Offspring MutateConnections(Genome parent, double rate, Rng rng)
    {
        int[] conns = (int[])parent.Connections.Clone();
        var changed = new List<int>();
        for (int c = 0; c < parent.ClusterCount; c++)
        {
            if (!_mutable[c])
            {
                continue;
            }

            int first = parent.NeuronStart(c);
            int from = parent.ConnectionStart(first);
            int to = parent.ConnectionStart(first + parent.NeuronsPerCluster[c]);
            bool clusterChanged = false;
            for (int i = from; i < to; i++)
            {
                if (rng.NextDouble() < rate)
                {
                    int v = Math.Clamp(conns[i] + rng.NextInclusive(-2, 2), 0, InputBits - 1);
                    clusterChanged |= v != conns[i];
                    conns[i] = v;
                }
            }

            if (clusterChanged)
            {
                changed.Add(c);
            }
        }

        return changed.Count == 0
            ? new Offspring(parent, parent, [], true)
            : new Offspring(new Genome(parent.NeuronsPerCluster, parent.BitsPerNeuron, conns), parent, [.. changed], true);
    }

    /// <summary>
    /// Crossover: single point at a cluster boundary (clusters before the point from <paramref name="first"/>, the
    /// rest from <paramref name="second"/>), or with <paramref name="uniform"/> each cluster from either parent.
    /// </summary>
    public Offspring Crossover(Genome first, Genome second, bool uniform, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(rng);
        int clusters = first.ClusterCount;
        if (second.ClusterCount != clusters)
        {
            throw new ArgumentException($"parents have {clusters} and {second.ClusterCount} clusters");
        }

        var fromSecond = new bool[clusters];
        if (uniform)
        {
            for (int c = 0; c < clusters; c++)
            {
                fromSecond[c] = rng.NextInt(2) == 1;
            }
        }
        else if (clusters > 1)
        {
            int point = rng.NextInclusive(1, clusters - 1);
            fromSecond.AsSpan(point).Fill(true);
        }

        var neurons = new int[clusters];
        var bits = new IntBuffer(first.NeuronCount);
        var conns = new IntBuffer(first.Connections.Length);
        var changed = new List<int>();
        int c0 = 0;
        while (c0 < clusters)
        {
            // Copy maximal runs of clusters from the same parent in one block.
            int c1 = c0 + 1;
            while (c1 < clusters && fromSecond[c1] == fromSecond[c0])
            {
                c1++;
            }

            Genome source = fromSecond[c0] ? second : first;
            Array.Copy(source.NeuronsPerCluster, c0, neurons, c0, c1 - c0);
            CopyClusters(source, c0, c1, bits, conns);
            if (fromSecond[c0])
            {
                for (int c = c0; c < c1; c++)
                {
                    if (!first.ClusterEquals(second, c))
                    {
                        changed.Add(c);
                    }
                }
            }

            c0 = c1;
        }

        return changed.Count == 0
            ? new Offspring(first, first, [], true)
            : new Offspring(new Genome(neurons, bits.ToArray(), conns.ToArray()), first, [.. changed], false);
    }

    /// <summary>Composes two steps (e.g. crossover then mutation): the result differs from the first step's parent in the union of both change sets.</summary>
    public static Offspring Then(Offspring first, Offspring second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int[] union = first.ChangedClusters.Union(second.ChangedClusters).Order().ToArray();
        return new Offspring(second.Genome, first.Parent, union, first.SingleParent && second.SingleParent);
    }
}
