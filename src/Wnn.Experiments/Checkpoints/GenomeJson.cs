using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Json;
using Wnn.Experiments.Phased;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Checkpoints;

/// <summary>Writes and reads genomes and scored populations as JSON objects.</summary>
internal static class GenomeJson
{
    public static void WriteGenome(Utf8JsonWriter writer, string? name, Genome genome, IntArrayEncoding encoding)
    {
        if (name is null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(name);
        }

        WriteIntArray(writer, "neurons_per_cluster", genome.NeuronsPerCluster, encoding);
        WriteIntArray(writer, "bits_per_neuron", genome.BitsPerNeuron, encoding);
        WriteIntArray(writer, "connections", genome.Connections, encoding);
        writer.WriteEndObject();
    }

    public static void WriteScored(Utf8JsonWriter writer, ScoredGenome scored, IntArrayEncoding encoding)
    {
        writer.WriteStartObject();
        writer.WriteNumber("ce", scored.CrossEntropy);
        writer.WriteNumber("accuracy", scored.Accuracy);
        WriteGenome(writer, "genome", scored.Genome, encoding);
        writer.WriteEndObject();
        // Hand the buffered bytes to the (compressing) stream genome by genome instead of holding the document.
        writer.Flush();
    }

    public static void WritePopulation(Utf8JsonWriter writer, string name, IReadOnlyList<ScoredGenome> population, IntArrayEncoding encoding)
    {
        writer.WriteStartArray(name);
        foreach (ScoredGenome s in population)
        {
            WriteScored(writer, s, encoding);
        }

        writer.WriteEndArray();
    }

    public static void WriteIntArray(Utf8JsonWriter writer, string name, int[] values, IntArrayEncoding encoding)
    {
        if (encoding == IntArrayEncoding.Numbers)
        {
            WriteNumbers(writer, name, values);
            return;
        }

        int min = 0, max = 0;
        if (values.Length > 0)
        {
            min = values.Min();
            max = values.Max();
        }

        int width = min < 0 ? 32 : Math.Max(1, 32 - int.LeadingZeroCount(max));
        int byteCount = (int)(((long)values.Length * width + 7) / 8);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, byteCount + 8));
        try
        {
            Span<byte> span = bytes.AsSpan(0, byteCount);
            if (min < 0)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(span[(4 * i)..], values[i]);
                }
            }
            else
            {
                Pack(values, width, span);
            }

            writer.WriteStartObject(name);
            writer.WriteString("dtype", min < 0 ? "i32" : "packed");
            if (min >= 0)
            {
                writer.WriteNumber("width", width);
            }

            writer.WriteNumber("length", values.Length);
            writer.WriteBase64String("base64", span);
            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Packs non-negative values of at most <paramref name="width"/> bits, least significant bit first.</summary>
    internal static void Pack(ReadOnlySpan<int> values, int width, Span<byte> output)
    {
        ulong acc = 0;
        int bits = 0, o = 0;
        foreach (int v in values)
        {
            acc |= (ulong)(uint)v << bits;
            bits += width;
            while (bits >= 8)
            {
                output[o++] = (byte)acc;
                acc >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            output[o] = (byte)acc;
        }
    }

    /// <summary>Inverse of <see cref="Pack"/>.</summary>
    internal static void Unpack(ReadOnlySpan<byte> input, int width, Span<int> values)
    {
        ulong acc = 0;
        int bits = 0, i = 0;
        uint mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
        for (int k = 0; k < values.Length; k++)
        {
            while (bits < width)
            {
                acc |= (ulong)input[i++] << bits;
                bits += 8;
            }

            values[k] = (int)((uint)acc & mask);
            acc >>= width;
            bits -= width;
        }
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string name, int[] values)
    {
        // Format the whole array once and hand it over as a raw value: far cheaper than one call per element.
        byte[] buffer = ArrayPool<byte>.Shared.Rent((values.Length * 12) + 2);
        try
        {
            int pos = 0;
            buffer[pos++] = (byte)'[';
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    buffer[pos++] = (byte)',';
                }

                Utf8Formatter.TryFormat(values[i], buffer.AsSpan(pos), out int written);
                pos += written;
            }

            buffer[pos++] = (byte)']';
            writer.WritePropertyName(name);
            writer.WriteRawValue(buffer.AsSpan(0, pos), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads an int array (number array or dtype object); the reader is on its first token.</summary>
    public static int[] ReadIntArray(JsonStreamSource source, ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var buffer = new IntBuffer(1024);
            source.Read(ref reader);
            while (reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int v))
                {
                    throw new JsonException($"'{name}' must contain integers");
                }

                buffer.Add(v);
                source.Read(ref reader);
            }

            return buffer.ToArray();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"'{name}' must be an array of integers or a {{dtype, base64}} object");
        }

        string? dtype = null;
        int length = -1, packedWidth = 0;
        byte[]? bytes = null;
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            switch (property)
            {
                case "dtype":
                    dtype = reader.GetString();
                    break;
                case "length":
                    length = reader.GetInt32();
                    break;
                case "width":
                    packedWidth = reader.GetInt32();
                    break;
                case "base64":
                    bytes = reader.GetBytesFromBase64();
                    break;
                default:
                    source.Skip(ref reader);
                    break;
            }

            source.Read(ref reader);
        }

        if (dtype == "packed")
        {
            if (packedWidth is < 1 or > 32 || length < 0 || bytes is null || bytes.Length != (int)(((long)length * packedWidth + 7) / 8))
            {
                throw new JsonException($"'{name}' has {bytes?.Length ?? 0} bytes, which does not match width {packedWidth} and length {length}");
            }

            var unpacked = new int[length];
            Unpack(bytes, packedWidth, unpacked);
            return unpacked;
        }

        int width = dtype switch
        {
            "u8" => 1,
            "u16" => 2,
            "i32" => 4,
            _ => throw new JsonException($"'{name}' has unknown dtype '{dtype}'; expected packed, u8, u16 or i32"),
        };
        if (bytes is null || bytes.Length % width != 0 || (length >= 0 && bytes.Length != length * width))
        {
            throw new JsonException($"'{name}' has {bytes?.Length ?? 0} bytes, which does not match dtype {dtype} and length {length}");
        }

        var values = new int[bytes.Length / width];
        if (width == 1)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = bytes[i];
            }
        }
        else if (width == 2)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i));
            }
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i));
            }
        }

        return values;
    }

    /// <summary>
    /// Reads an object that is a genome ({neurons_per_cluster, …}) or a scored entry ({ce, accuracy, genome}).
    /// The reader is on its StartObject.
    /// </summary>
    public static ScoredGenome ReadScoredOrGenome(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a genome object");
        }

        int[]? neurons = null, bits = null, conns = null;
        Genome? nested = null;
        double ce = double.NaN, accuracy = double.NaN;
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            switch (property)
            {
                case "neurons_per_cluster":
                    neurons = ReadIntArray(source, ref reader, property);
                    break;
                case "bits_per_neuron":
                    bits = ReadIntArray(source, ref reader, property);
                    break;
                case "connections":
                    conns = ReadIntArray(source, ref reader, property);
                    break;
                case "genome":
                    nested = ReadScoredOrGenome(source, ref reader).Genome;
                    break;
                case "ce" or "fitness" or "cross_entropy":
                    ce = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : double.NaN;
                    break;
                case "accuracy":
                    accuracy = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : double.NaN;
                    break;
                default:
                    source.Skip(ref reader);
                    break;
            }

            source.Read(ref reader);
        }

        Genome genome = nested ?? (neurons is not null && bits is not null && conns is not null
            ? new Genome(neurons, bits, conns)
            : throw new JsonException("genome object lacks neurons_per_cluster, bits_per_neuron or connections"));
        return new ScoredGenome(genome, ce, accuracy);
    }

    /// <summary>Reads an array of genome or scored-entry objects; the reader is on its StartArray.</summary>
    public static List<ScoredGenome> ReadPopulation(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected an array of genomes");
        }

        var result = new List<ScoredGenome>();
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            result.Add(ReadScoredOrGenome(source, ref reader));
            source.Read(ref reader);
        }

        return result;
    }
}
