using System.IO.Compression;
using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// The checkpoint directory of a run: phase_&lt;key&gt;_&lt;ga|ts&gt;_&lt;dimension&gt;.json.gz after every phase and
/// phase_&lt;key&gt;_….mid.json.gz while a phase runs.
/// </summary>
public sealed class CheckpointStore
{
    /// <summary>Creates a store over <paramref name="directory"/> (created on first save).</summary>
    public CheckpointStore(string directory, IntArrayEncoding encoding = IntArrayEncoding.Compact, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        Encoding = encoding;
        Level = level;
    }

    /// <summary>The directory.</summary>
    public string Directory { get; }

    /// <summary>How int arrays are written.</summary>
    public IntArrayEncoding Encoding { get; }

    /// <summary>Gzip compression level.</summary>
    public CompressionLevel Level { get; }

    /// <summary>Path of a phase's checkpoint.</summary>
    public string PathFor(PhaseSpec phase) => Path.Combine(Directory, phase?.FileName ?? throw new ArgumentNullException(nameof(phase)));

    /// <summary>Path of a phase's mid-phase checkpoint.</summary>
    public string MidPathFor(PhaseSpec phase) => Path.Combine(Directory, phase?.MidFileName ?? throw new ArgumentNullException(nameof(phase)));

    /// <summary>Writes a complete or mid-phase checkpoint atomically to its path.</summary>
    public string Save(PhaseSpec phase, PhaseCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        string path = checkpoint.IsComplete ? PathFor(phase) : MidPathFor(phase);
        Write(path, checkpoint, Encoding, Level);
        return path;
    }

    /// <summary>Removes a phase's mid-phase checkpoint (after the phase completed).</summary>
    public void DeleteMid(PhaseSpec phase)
    {
        string path = MidPathFor(phase);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Loads a phase's complete checkpoint, or null when there is none.</summary>
    public PhaseCheckpoint? TryLoad(PhaseSpec phase) => Exists(PathFor(phase)) ? Load(PathFor(phase)) : null;

    /// <summary>Loads a phase's mid-phase checkpoint, or null when there is none.</summary>
    public PhaseCheckpoint? TryLoadMid(PhaseSpec phase) => Exists(MidPathFor(phase)) ? Load(MidPathFor(phase)) : null;

    private static bool Exists(string path) => File.Exists(path) || File.Exists(path + ".gz")
        || (path.EndsWith(".gz", StringComparison.Ordinal) && File.Exists(path[..^3]));

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> (gzip when it ends in .gz) atomically.</summary>
    public static void Write(string path, PhaseCheckpoint checkpoint, IntArrayEncoding encoding = IntArrayEncoding.Compact,
        CompressionLevel level = CompressionLevel.Fastest) =>
        CheckpointFile.WriteAtomic(path, w => CheckpointSerializer.WriteCheckpoint(w, checkpoint, encoding), level,
            huffmanOnly: encoding == IntArrayEncoding.Compact);

    /// <summary>
    /// Loads a checkpoint: an explicit .gz path, else a sibling .gz, else plain JSON (a ".json.gz" path whose gzip file
    /// is missing falls back to the ".json" file).
    /// </summary>
    /// <exception cref="CheckpointException">Missing, corrupt or not a checkpoint.</exception>
    public static PhaseCheckpoint Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return CheckpointDocument.Load(path).ToCheckpoint(path);
    }
}
