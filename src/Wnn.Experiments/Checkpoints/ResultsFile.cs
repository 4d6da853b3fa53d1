using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Checkpoints;

/// <summary>The results JSON of a pass (--output); gzip-compressed when the path ends in .gz.</summary>
public static class ResultsFile
{
    /// <summary>
    /// Writes <paramref name="result"/> atomically: the final genome as plain number arrays (readable by any tool), the
    /// final population compactly (bit-packed) unless <paramref name="populationEncoding"/> says otherwise.
    /// </summary>
    public static void Write(
        string path, PhasedRunResult result, IntArrayEncoding genomeEncoding = IntArrayEncoding.Numbers,
        IntArrayEncoding populationEncoding = IntArrayEncoding.Compact) =>
        CheckpointFile.WriteAtomic(path, w => CheckpointSerializer.WriteResults(w, result, genomeEncoding, populationEncoding));
}
