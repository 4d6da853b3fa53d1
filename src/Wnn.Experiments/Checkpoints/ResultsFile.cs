using Wnn.Experiments.Search;

namespace Wnn.Experiments.Checkpoints;

/// <summary>The results JSON of a pass (--output); gzip-compressed when the path ends in .gz.</summary>
public static class ResultsFile
{
    /// <summary>
    /// Writes <paramref name="result"/> atomically: the final genome as plain number arrays (readable by any tool), the
    /// final population compactly (bit-packed) unless <paramref name="populationEncoding"/> says otherwise.
    /// </summary>
    public static void Write(
        string path, PhasedSearchResult result, IntArrayEncoding genomeEncoding = IntArrayEncoding.Numbers,
        IntArrayEncoding populationEncoding = IntArrayEncoding.Compact) =>
        CheckpointFile.WriteAtomic(path, w => CheckpointSerializer.WriteResults(w, result, genomeEncoding, populationEncoding));

    /// <summary>Checks that <paramref name="path"/> can be created or replaced, without touching an existing file.</summary>
    /// <exception cref="CheckpointException">The directory is missing or not writable.</exception>
    public static void EnsureWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (System.IO.Directory.Exists(full))
        {
            throw new CheckpointException($"output path '{path}' is a directory");
        }

        string probe = Path.Combine(dir, $".wnn-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            System.IO.Directory.CreateDirectory(dir);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"output path '{path}' cannot be written: {ex.Message}", ex);
        }
    }
}
