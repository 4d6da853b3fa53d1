using Wnn.Ram.Model;

namespace Wnn.Experiments.Checkpoints;

/// <summary>A genome file: gzip JSON {"genome": {neurons_per_cluster, bits_per_neuron, connections}}.</summary>
public static class GenomeFile
{
    /// <summary>Writes <paramref name="genome"/> atomically (gzip when the path ends in .gz).</summary>
    public static void Save(string path, Genome genome, IntArrayEncoding encoding = IntArrayEncoding.Numbers) =>
        CheckpointFile.WriteAtomic(path, w => CheckpointSerializer.WriteGenomeFile(w, genome, encoding));
}
