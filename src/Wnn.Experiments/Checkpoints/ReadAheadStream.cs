using System.Buffers;
using System.Collections.Concurrent;

namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// Reads an inner stream (a decompressor) on a background thread into a small queue of buffers, so that
/// decompression overlaps with parsing.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int BufferSize = 1 << 20;
    private readonly Stream _inner;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _queue = new(boundedCapacity: 4);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private byte[]? _current;
    private int _currentLength;
    private int _position;
    private bool _done;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _producer = Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    private void Produce()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                int filled = 0;
                while (filled < BufferSize)
                {
                    int n = _inner.Read(buffer, filled, BufferSize - filled);
                    if (n == 0)
                    {
                        break;
                    }

                    filled += n;
                }

                if (filled == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                _queue.Add((buffer, filled), _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_current is null || _position == _currentLength)
        {
            if (_current is not null)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = null;
            }

            if (_done || !_queue.TryTake(out var item, Timeout.Infinite))
            {
                _done = true;
                // Surface a decompression error (e.g. a truncated file) to the reader.
                _producer.GetAwaiter().GetResult();
                return 0;
            }

            (_current, _currentLength, _position) = (item.Buffer, item.Length, 0);
        }

        int n = Math.Min(buffer.Length, _currentLength - _position);
        _current.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            while (_queue.TryTake(out var item))
            {
                ArrayPool<byte>.Shared.Return(item.Buffer);
            }

            try
            {
                _producer.Wait();
            }
            catch (AggregateException)
            {
            }

            _inner.Dispose();
            _queue.Dispose();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }
}
