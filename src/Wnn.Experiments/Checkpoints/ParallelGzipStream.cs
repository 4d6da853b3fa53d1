using System.Buffers;
using System.IO.Compression;

namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// A write-only gzip stream that cuts the data into fixed-size chunks and compresses them in parallel as
/// consecutive gzip members (RFC 1952 allows several; every gzip reader concatenates them). Chunk boundaries depend
/// only on the byte count, so the output is the same whatever the thread count.
/// </summary>
internal sealed class ParallelGzipStream : Stream
{
    private readonly Stream _output;
    private readonly ZLibCompressionOptions _options;
    private readonly int _chunkSize;
    private readonly int _maxPending;
    private readonly Queue<Task<MemoryStream>> _pending = new();
    private byte[] _chunk;
    private int _length;
    private bool _anyChunk;
    private bool _completed;

    public ParallelGzipStream(Stream output, ZLibCompressionOptions options, int chunkSize = 4 << 20, int? maxParallel = null)
    {
        _output = output;
        _options = options;
        _chunkSize = chunkSize;
        _maxPending = Math.Max(1, maxParallel ?? Environment.ProcessorCount);
        _chunk = ArrayPool<byte>.Shared.Rent(chunkSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Does nothing: a chunk is compressed only when full or at <see cref="Complete"/>.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _chunkSize - _length);
            buffer[..n].CopyTo(_chunk.AsSpan(_length));
            _length += n;
            buffer = buffer[n..];
            if (_length == _chunkSize)
            {
                Submit();
            }
        }
    }

    /// <summary>Compresses the last chunk and writes every member in order.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_length > 0 || !_anyChunk)
        {
            Submit();
        }

        while (_pending.Count > 0)
        {
            WriteOldest();
        }

        ArrayPool<byte>.Shared.Return(_chunk);
    }

    private void Submit()
    {
        byte[] chunk = _chunk;
        int length = _length;
        ZLibCompressionOptions options = _options;
        _anyChunk = true;
        _pending.Enqueue(Task.Run(() =>
        {
            var member = new MemoryStream((length / 2) + 1024);
            using (var gzip = new GZipStream(member, options, leaveOpen: true))
            {
                gzip.Write(chunk, 0, length);
            }

            ArrayPool<byte>.Shared.Return(chunk);
            return member;
        }));
        _chunk = _completed ? [] : ArrayPool<byte>.Shared.Rent(_chunkSize);
        _length = 0;
        while (_pending.Count > _maxPending)
        {
            WriteOldest();
        }
    }

    private void WriteOldest()
    {
        MemoryStream member = _pending.Dequeue().GetAwaiter().GetResult();
        _output.Write(member.GetBuffer(), 0, (int)member.Length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_completed)
        {
            // Abandoned (an exception while writing): wait for the workers, write nothing more.
            _completed = true;
            foreach (Task<MemoryStream> t in _pending)
            {
                t.Wait();
            }

            _pending.Clear();
        }

        base.Dispose(disposing);
    }
}
