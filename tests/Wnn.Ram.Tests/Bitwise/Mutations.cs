using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Bitwise;

/// <summary>Hand-made genome changes confined to one cluster, for incremental-evaluation tests.</summary>
internal static class Mutations
{
    /// <summary>Moves every connection of <paramref name="cluster"/> by +1 (wrapping at the input width).</summary>
    public static Genome ChangeConnections(Genome genome, int cluster, int inputBits)
    {
        int[] connections = (int[])genome.Connections.Clone();
        int first = genome.ConnectionStart(genome.NeuronStart(cluster));
        int end = genome.ConnectionStart(genome.NeuronStart(cluster) + genome.NeuronsPerCluster[cluster]);
        for (int i = first; i < end; i++)
        {
            connections[i] = (connections[i] + 1) % inputBits;
        }

        return new Genome((int[])genome.NeuronsPerCluster.Clone(), (int[])genome.BitsPerNeuron.Clone(), connections);
    }

    /// <summary>Appends a copy of the cluster's first neuron to <paramref name="cluster"/>.</summary>
    public static Genome AddNeuron(Genome genome, int cluster)
    {
        int[] neurons = (int[])genome.NeuronsPerCluster.Clone();
        neurons[cluster]++;
        int insertAt = genome.NeuronStart(cluster) + genome.NeuronsPerCluster[cluster];
        int copy = genome.NeuronStart(cluster);
        var bits = genome.BitsPerNeuron.ToList();
        bits.Insert(insertAt, genome.BitsPerNeuron[copy]);
        var connections = genome.Connections.ToList();
        connections.InsertRange(genome.ConnectionStart(insertAt), genome.NeuronConnections(copy).ToArray());
        return new Genome(neurons, bits.ToArray(), connections.ToArray());
    }
}
