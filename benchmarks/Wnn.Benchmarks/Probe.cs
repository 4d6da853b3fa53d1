using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Wnn.Ram.Model;

internal static class Probe
{
    public static void Run()
    {
        var rng = new Rng(1);
        var g = Genome.CreateTiered(TierConfig.Default, 50257, 64, rng);
        var sw = Stopwatch.StartNew();
        var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartArray();
            for (int i = 0; i < 40; i++)
            {
                var bytes = new byte[g.Connections.Length];
                for (int j = 0; j < bytes.Length; j++) bytes[j] = (byte)g.Connections[j];
                w.WriteBase64StringValue(bytes);
                w.Flush();
            }
            w.WriteEndArray();
        }
        Console.WriteLine($"serialize {sw.Elapsed.TotalSeconds:F3}s {ms.Length:N0}");
        byte[] raw = ms.ToArray();
        foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.NoCompression })
        {
            sw.Restart();
            var outMs = new MemoryStream();
            using (var gz = new GZipStream(outMs, level, true)) gz.Write(raw);
            double c = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var back = new MemoryStream();
            outMs.Position = 0;
            using (var gz = new GZipStream(outMs, CompressionMode.Decompress, true)) gz.CopyTo(back);
            Console.WriteLine($"{level}: compress {c:F3}s decompress {sw.Elapsed.TotalSeconds:F3}s size {outMs.Length:N0}");
        }
        sw.Restart();
        File.WriteAllBytes("/tmp/wnn-probe.bin", raw);
        Console.WriteLine($"disk write {sw.Elapsed.TotalSeconds:F3}s");
        File.Delete("/tmp/wnn-probe.bin");
        // packed 6-bit raw
        var packed = new byte[g.Connections.Length * 6 / 8 + 8];
        sw.Restart();
        for (int rep = 0; rep < 40; rep++)
        {
            ulong acc = 0; int nb = 0; int o = 0;
            foreach (int v in g.Connections) { acc |= (ulong)v << nb; nb += 6; if (nb >= 8) { packed[o++] = (byte)acc; acc >>= 8; nb -= 8; } }
        }
        Console.WriteLine($"pack6 x40 {sw.Elapsed.TotalSeconds:F3}s");
        var raw6 = new byte[packed.Length * 40];
        for (int i = 0; i < 40; i++) Buffer.BlockCopy(packed, 0, raw6, i * packed.Length, packed.Length);
        sw.Restart();
        var o6 = new MemoryStream();
        using (var gz = new GZipStream(o6, CompressionLevel.Fastest, true)) gz.Write(raw6);
        Console.WriteLine($"gzip fastest of packed6 binary {sw.Elapsed.TotalSeconds:F3}s {o6.Length:N0}");
        string b64 = Convert.ToBase64String(raw6);
        var b64b = System.Text.Encoding.ASCII.GetBytes(b64);
        sw.Restart();
        var o7 = new MemoryStream();
        using (var gz = new GZipStream(o7, CompressionLevel.Fastest, true)) gz.Write(b64b);
        Console.WriteLine($"gzip fastest of packed6 base64 {sw.Elapsed.TotalSeconds:F3}s {o7.Length:N0}");
        for (int lvl = 1; lvl <= 3; lvl++)
        {
            sw.Restart();
            var oh = new MemoryStream();
            using (var gz = new GZipStream(oh, new ZLibCompressionOptions { CompressionLevel = lvl, CompressionStrategy = ZLibCompressionStrategy.HuffmanOnly }, true)) gz.Write(b64b);
            double ct = sw.Elapsed.TotalSeconds;
            sw.Restart();
            oh.Position = 0;
            var bk = new MemoryStream();
            using (var gz = new GZipStream(oh, CompressionMode.Decompress, true)) gz.CopyTo(bk);
            Console.WriteLine($"huffman-only level {lvl}: {ct:F3}s {oh.Length:N0} decompress {sw.Elapsed.TotalSeconds:F3}s");
        }
        // multi-member
        var mm = new MemoryStream();
        foreach (var part in new[] { "{\"a\":"u8.ToArray(), "[1,2,3]}"u8.ToArray() })
        {
            using var gz = new GZipStream(mm, CompressionLevel.Fastest, true);
            gz.Write(part);
        }
        mm.Position = 0;
        using (var gz = new GZipStream(mm, CompressionMode.Decompress)) Console.WriteLine("multi-member: " + new StreamReader(gz).ReadToEnd());
        sw.Restart();
        var o8 = new MemoryStream();
        using (var gz = new GZipStream(o8, CompressionLevel.NoCompression, true)) gz.Write(b64b);
        Console.WriteLine($"gzip none of packed6 base64 {sw.Elapsed.TotalSeconds:F3}s {o8.Length:N0}");
    }
}
