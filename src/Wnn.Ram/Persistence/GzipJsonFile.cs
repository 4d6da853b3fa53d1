using System.IO.Compression;
using System.Text.Json;

namespace Wnn.Ram.Persistence;

/// <summary>
/// Gzip JSON files written atomically (temp file, flush, rename) and read whether compressed or not:
/// an explicit .gz path is decompressed, else a sibling "path.gz" is preferred, else the bytes decide (gzip magic).
/// </summary>
public static class GzipJsonFile
{
    /// <summary>Writes a document through <paramref name="write"/> into <paramref name="path"/> (gzip unless it ends in .json).</summary>
    public static void Write(string path, Action<Utf8JsonWriter> write, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        string temp = full + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                bool plain = full.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
                using (Stream body = plain ? new NonClosingStream(file) : new GZipStream(file, level, leaveOpen: true))
                using (var writer = new Utf8JsonWriter(body))
                {
                    write(writer);
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

    /// <summary>Resolves which file a load of <paramref name="path"/> reads (explicit .gz, sibling .gz, or the path).</summary>
    public static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && File.Exists(path + ".gz"))
        {
            return path + ".gz";
        }

        return path;
    }

    /// <summary>Parses the (possibly gzipped) JSON document at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at the path or its .gz sibling.</exception>
    /// <exception cref="InvalidDataException">The file is not (gzipped) JSON; the message names the file.</exception>
    public static JsonDocument Read(string path)
    {
        string actual = Resolve(path);
        if (!File.Exists(actual))
        {
            throw new FileNotFoundException($"file not found: {path}", path);
        }

        try
        {
            using var file = new FileStream(actual, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            int b0 = file.ReadByte(), b1 = file.ReadByte();
            file.Position = 0;
            using Stream body = b0 == 0x1f && b1 == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{actual} is not a valid (gzipped) JSON file: {ex.Message}", ex);
        }
    }

    /// <summary>Lets the JSON writer dispose without closing the underlying file.</summary>
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
