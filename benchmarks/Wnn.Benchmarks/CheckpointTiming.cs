using System.IO.Compression;
using Wnn.Experiments.Checkpoints;

/// <summary>`dotnet run -c Release -- checkpoint`: Stopwatch timing of checkpoint write/read (medians), not a BenchmarkDotNet run.</summary>
internal static class CheckpointTiming
{
    public static void Run()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wnn-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        foreach (var (encoding, level) in new[]
        {
            (IntArrayEncoding.Compact, CompressionLevel.Fastest),
            (IntArrayEncoding.Compact, CompressionLevel.Optimal),
            (IntArrayEncoding.Numbers, CompressionLevel.Fastest),
        })
        {
            var r = CheckpointBenchmark.Run(dir, encoding: encoding, level: level);
            Console.WriteLine($"{encoding,-8} {level,-8} write {r.WriteSecondsMedian:F3} s (cpu {r.WriteCpuSecondsMedian:F3})  read {r.ReadSecondsMedian:F3} s (cpu {r.ReadCpuSecondsMedian:F3})  gzip {r.GzipBytes:N0} bytes  ({r.Genomes} genomes x {r.Clusters} clusters, {r.Connections:N0} connections)");
        }

        Directory.Delete(dir, true);
    }
}
