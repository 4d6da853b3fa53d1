using System.IO.Compression;
using Wnn.Experiments.Checkpoints;

namespace Wnn.Experiments.Tests.Checkpoints;

public sealed class ParallelGzipStreamTests
{
    private static byte[] Compress(byte[] data, int threads)
    {
        var output = new MemoryStream();
        using (var gz = new ParallelGzipStream(output, new ZLibCompressionOptions { CompressionLevel = 1 }, chunkSize: 1000, maxParallel: threads))
        {
            for (int i = 0; i < data.Length; i += 333)
            {
                gz.Write(data.AsSpan(i, Math.Min(333, data.Length - i)));
            }

            gz.Complete();
        }

        return output.ToArray();
    }

    [Fact]
    public void Output_is_standard_gzip_and_independent_of_the_thread_count()
    {
        byte[] data = new byte[10_500];
        new Random(3).NextBytes(data.AsSpan(0, 5000));
        byte[] one = Compress(data, 1);
        byte[] four = Compress(data, 4);
        Assert.Equal(one, four);
        using var gz = new GZipStream(new MemoryStream(one), CompressionMode.Decompress);
        var back = new MemoryStream();
        gz.CopyTo(back);
        Assert.Equal(data, back.ToArray());
    }

    [Fact]
    public void Empty_input_is_a_valid_empty_gzip_file()
    {
        byte[] gzBytes = Compress([], 2);
        using var gz = new GZipStream(new MemoryStream(gzBytes), CompressionMode.Decompress);
        Assert.Equal(-1, gz.ReadByte());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(17)]
    [InlineData(32)]
    public void Bit_packing_round_trips(int width)
    {
        var rng = new Random(width);
        int[] values = Enumerable.Range(0, 1001).Select(_ => width == 32 ? rng.Next() : rng.Next(1 << width)).ToArray();
        byte[] packed = new byte[(((long)values.Length * width) + 7) / 8];
        GenomeJson.Pack(values, width, packed);
        int[] back = new int[values.Length];
        GenomeJson.Unpack(packed, width, back);
        Assert.Equal(values, back);
    }
}
