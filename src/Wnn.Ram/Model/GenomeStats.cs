namespace Wnn.Ram.Model;

/// <summary>Summary statistics of a genome.</summary>
public sealed record GenomeStats(
    int Clusters, int Neurons, long Connections, double MeanBits, int MinBits, int MaxBits, int MinNeurons, int MaxNeurons);
