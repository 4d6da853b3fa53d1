using System.IO.Compression;
using System.Text.Json;

namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// Opening and atomically writing gzip JSON files. Loading tries the explicit .gz path, then a sibling "path.gz",
/// then plain JSON; compression is detected from the content (gzip magic), not the name.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The file that loading <paramref name="path"/> reads: an existing .gz path, a sibling "path.gz", the path itself, or for a missing ".gz" path the file without it.</summary>
    /// <exception cref="CheckpointException">Neither the file nor a sibling .gz exists.</exception>
    public static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
        {
            return path;
        }

        if (File.Exists(path + ".gz"))
        {
            return path + ".gz";
        }

        if (File.Exists(path))
        {
            return path;
        }

        // A missing "x.json.gz" falls back to the plain "x.json" of older runs.
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && File.Exists(path[..^3]))
        {
            return path[..^3];
        }

        throw new CheckpointException($"file not found: '{path}' (also tried '{path}.gz')");
    }

    /// <summary>Opens the resolved file for reading, decompressing when it starts with the gzip magic bytes.</summary>
    public static Stream OpenRead(string path)
    {
        string resolved = Resolve(path);
        var file = new FileStream(resolved, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        int b0 = file.ReadByte(), b1 = file.ReadByte();
        file.Position = 0;
        return b0 == 0x1f && b1 == 0x8b ? new ReadAheadStream(new GZipStream(file, CompressionMode.Decompress)) : file;
    }

    /// <summary>
    /// Removes the temp files that <see cref="WriteAtomic"/> leaves when its process is killed mid-write
    /// (<c>target.PID.GUID.tmp</c> whose PID is not a running process); returns how many were removed.
    /// </summary>
    public static int RemoveStaleTemps(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int removed = 0;
        foreach (string temp in Directory.EnumerateFiles(directory, "*.tmp"))
        {
            string[] parts = Path.GetFileName(temp).Split('.');
            if (parts.Length < 4 || parts[^2].Length != 32 || !parts[^2].All(char.IsAsciiHexDigit)
                || !int.TryParse(parts[^3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
                || pid == Environment.ProcessId || IsRunning(pid))
            {
                continue;
            }

            try
            {
                File.Delete(temp);
                removed++;
            }
            catch (IOException)
            {
                // Another process removed it first, or the disk refuses: leave it.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes JSON to <paramref name="path"/> through a temporary file that is flushed to disk and renamed over the
    /// target, so a reader never sees a half-written file. Paths ending in .gz are gzip-compressed.
    /// </summary>
    /// <param name="path">Target path.</param>
    /// <param name="write">Writes the JSON document.</param>
    /// <param name="level">Gzip level.</param>
    /// <param name="huffmanOnly">Entropy-code without match search: as small and much faster for bit-packed random data.</param>
    public static void WriteAtomic(string path, Action<Utf8JsonWriter> write, CompressionLevel level = CompressionLevel.Fastest, bool huffmanOnly = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                bool gzip = full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
                var options = new ZLibCompressionOptions
                {
                    CompressionLevel = level switch
                    {
                        CompressionLevel.NoCompression => 0,
                        CompressionLevel.Fastest => 1,
                        CompressionLevel.SmallestSize => 9,
                        _ => 6,
                    },
                    CompressionStrategy = huffmanOnly ? ZLibCompressionStrategy.HuffmanOnly : ZLibCompressionStrategy.Default,
                };
                using (Stream body = gzip ? new ParallelGzipStream(file, options) : new NonClosingStream(file))
                {
                    using (var writer = new Utf8JsonWriter(body))
                    {
                        write(writer);
                        writer.Flush();
                    }

                    (body as ParallelGzipStream)?.Complete();
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Passes writes through without closing the file, so the caller can flush it to disk.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
