using System.Text.Json;

namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// Feeds a <see cref="Utf8JsonReader"/> from a stream chunk by chunk: callers pass the reader by reference and
/// <see cref="Read"/> refills the buffer (keeping the unconsumed tail) whenever the reader runs dry.
/// </summary>
internal sealed class JsonStreamSource
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _length;
    private bool _final;

    public JsonStreamSource(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    public Utf8JsonReader CreateReader()
    {
        Fill();
        return new Utf8JsonReader(_buffer.AsSpan(0, _length), _final, default);
    }

    /// <summary>Advances to the next token; throws at the end of the document.</summary>
    public void Read(ref Utf8JsonReader reader)
    {
        while (!reader.Read())
        {
            if (_final)
            {
                throw new JsonException("unexpected end of data");
            }

            int consumed = (int)reader.BytesConsumed;
            int rest = _length - consumed;
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, rest);
            _length = rest;
            if (_length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            Fill();
            reader = new Utf8JsonReader(_buffer.AsSpan(0, _length), _final, reader.CurrentState);
        }
    }

    /// <summary>Skips the value the reader is on (or, on a property name, that property's value).</summary>
    public void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            Read(ref reader);
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            int depth = reader.CurrentDepth;
            do
            {
                Read(ref reader);
            }
            while (reader.CurrentDepth > depth || reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray));
        }
    }

    private void Fill()
    {
        while (_length < _buffer.Length)
        {
            int n = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (n == 0)
            {
                _final = true;
                return;
            }

            _length += n;
        }
    }
}
