namespace Wnn.Ram.Model;

/// <summary>
/// A RAM-LM architecture: neurons per cluster, bits per neuron, and the input bit each address bit reads
/// (flat, neuron-major, clusters in index order). Arrays are owned by the genome and must not be mutated
/// after construction; the search creates new genomes instead.
/// </summary>
public sealed class Genome
{
    /// <summary>Largest supported address width of one neuron.</summary>
    public const int MaxBitsPerNeuron = 30;

    private readonly int[] _neuronStart;
    private readonly int[] _connectionStart;

    /// <summary>Creates a genome and checks that the three arrays are consistent with each other.</summary>
    /// <exception cref="GenomeValidationException">A field is inconsistent; the message names it.</exception>
    public Genome(int[] neuronsPerCluster, int[] bitsPerNeuron, int[] connections)
    {
        ArgumentNullException.ThrowIfNull(neuronsPerCluster);
        ArgumentNullException.ThrowIfNull(bitsPerNeuron);
        ArgumentNullException.ThrowIfNull(connections);
        NeuronsPerCluster = neuronsPerCluster;
        BitsPerNeuron = bitsPerNeuron;
        Connections = connections;

        _neuronStart = new int[neuronsPerCluster.Length + 1];
        for (int c = 0; c < neuronsPerCluster.Length; c++)
        {
            int n = neuronsPerCluster[c];
            if (n < 1)
            {
                throw new GenomeValidationException($"neurons_per_cluster[{c}] = {n}; every cluster needs at least 1 neuron");
            }

            _neuronStart[c + 1] = checked(_neuronStart[c] + n);
        }

        if (bitsPerNeuron.Length != _neuronStart[^1])
        {
            throw new GenomeValidationException(
                $"bits_per_neuron has {bitsPerNeuron.Length} entries but neurons_per_cluster sums to {_neuronStart[^1]}");
        }

        _connectionStart = new int[bitsPerNeuron.Length + 1];
        for (int k = 0; k < bitsPerNeuron.Length; k++)
        {
            int b = bitsPerNeuron[k];
            if (b < 1 || b > MaxBitsPerNeuron)
            {
                throw new GenomeValidationException($"bits_per_neuron[{k}] = {b}; allowed range is [1, {MaxBitsPerNeuron}]");
            }

            _connectionStart[k + 1] = checked(_connectionStart[k] + b);
        }

        if (connections.Length != _connectionStart[^1])
        {
            throw new GenomeValidationException(
                $"connections has {connections.Length} entries but bits_per_neuron sums to {_connectionStart[^1]}");
        }

        for (int i = 0; i < connections.Length; i++)
        {
            if (connections[i] < 0)
            {
                throw new GenomeValidationException($"connections[{i}] = {connections[i]}; input bit indices must be >= 0");
            }
        }
    }

    /// <summary>Neuron count of every cluster.</summary>
    public int[] NeuronsPerCluster { get; }

    /// <summary>Address width of every neuron.</summary>
    public int[] BitsPerNeuron { get; }

    /// <summary>Input-bit index of every address bit; the first connection of a neuron is its most significant address bit.</summary>
    public int[] Connections { get; }

    /// <summary>Number of clusters.</summary>
    public int ClusterCount => NeuronsPerCluster.Length;

    /// <summary>Total number of neurons.</summary>
    public int NeuronCount => BitsPerNeuron.Length;

    /// <summary>Index of the first neuron of cluster <paramref name="cluster"/>.</summary>
    public int NeuronStart(int cluster) => _neuronStart[cluster];

    /// <summary>Index of the first connection of neuron <paramref name="neuron"/>.</summary>
    public int ConnectionStart(int neuron) => _connectionStart[neuron];

    /// <summary>The connections of one neuron.</summary>
    public ReadOnlySpan<int> NeuronConnections(int neuron) =>
        Connections.AsSpan(_connectionStart[neuron], BitsPerNeuron[neuron]);

    /// <summary>Checks that the genome fits a model with <paramref name="clusterCount"/> clusters and <paramref name="inputBits"/> input bits.</summary>
    /// <exception cref="GenomeValidationException">The genome does not fit; the message names the field.</exception>
    public void ValidateFor(int clusterCount, int inputBits)
    {
        if (ClusterCount != clusterCount)
        {
            throw new GenomeValidationException(
                $"neurons_per_cluster has {ClusterCount} clusters but the vocabulary has {clusterCount}");
        }

        for (int i = 0; i < Connections.Length; i++)
        {
            if (Connections[i] >= inputBits)
            {
                throw new GenomeValidationException(
                    $"connections[{i}] = {Connections[i]} is not below the input width {inputBits} (context x bits per token)");
            }
        }
    }

    /// <summary>True when both genomes describe the same architecture and connections for cluster <paramref name="cluster"/>.</summary>
    public bool ClusterEquals(Genome other, int cluster)
    {
        ArgumentNullException.ThrowIfNull(other);
        int n = NeuronsPerCluster[cluster];
        if (other.NeuronsPerCluster[cluster] != n)
        {
            return false;
        }

        int a = NeuronStart(cluster), b = other.NeuronStart(cluster);
        if (!BitsPerNeuron.AsSpan(a, n).SequenceEqual(other.BitsPerNeuron.AsSpan(b, n)))
        {
            return false;
        }

        int ca = ConnectionStart(a), cb = other.ConnectionStart(b);
        int len = ConnectionStart(a + n) - ca;
        return Connections.AsSpan(ca, len).SequenceEqual(other.Connections.AsSpan(cb, len));
    }

    /// <summary>Creates the tiered initial genome: tier shapes by rank, uniform random connections with replacement.</summary>
    public static Genome CreateTiered(TierConfig tiers, int clusterCount, int inputBits, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(rng);
        int[] tierOf = tiers.TierOfClusters(clusterCount);
        var neurons = new int[clusterCount];
        var bits = new List<int>();
        for (int c = 0; c < clusterCount; c++)
        {
            Tier t = tiers.Tiers[tierOf[c]];
            neurons[c] = t.Neurons;
            for (int k = 0; k < t.Neurons; k++)
            {
                bits.Add(t.Bits);
            }
        }

        int[] bitsArray = bits.ToArray();
        long total = 0;
        foreach (int b in bitsArray)
        {
            total += b;
        }

        var connections = new int[total];
        for (long i = 0; i < total; i++)
        {
            connections[i] = rng.NextInt(inputBits);
        }

        var genome = new Genome(neurons, bitsArray, connections);
        genome.ValidateFor(clusterCount, inputBits);
        return genome;
    }

    /// <summary>Summary statistics used in checkpoints and reports.</summary>
    public GenomeStats Stats()
    {
        long conns = Connections.LongLength;
        int minB = int.MaxValue, maxB = 0, minN = int.MaxValue, maxN = 0;
        foreach (int b in BitsPerNeuron)
        {
            minB = Math.Min(minB, b);
            maxB = Math.Max(maxB, b);
        }

        foreach (int n in NeuronsPerCluster)
        {
            minN = Math.Min(minN, n);
            maxN = Math.Max(maxN, n);
        }

        return new GenomeStats(ClusterCount, NeuronCount, conns,
            NeuronCount == 0 ? 0 : (double)conns / NeuronCount, minB, maxB, minN, maxN);
    }
}
