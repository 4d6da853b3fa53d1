using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Checkpoints;

namespace Wnn.Cli;

/// <summary>`wnn bench checkpoint`: median write and read time and size of a phase checkpoint (default 40 genomes × 50,257 clusters).</summary>
internal static class CheckpointBenchCommand
{
    public static Command Create()
    {
        var genomes = new Option<int>("--genomes") { Description = "Genomes in the checkpoint.", DefaultValueFactory = _ => 40 };
        var clusters = new Option<int>("--clusters") { Description = "Clusters per genome (default tiers).", DefaultValueFactory = _ => 50_257 };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed write+read rounds (median reported).", DefaultValueFactory = _ => 3 };
        var dir = new Option<string?>("--dir") { Description = "Folder for the temporary file (default: the system temp folder)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var output = BenchCompareCommand.OutOption();
        var command = new Command("checkpoint", "Time writing and reading a phase checkpoint (gzip JSON).");
        command.Add(genomes);
        command.Add(clusters);
        command.Add(repetitions);
        command.Add(dir);
        command.Add(json);
        command.Add(output);
        command.SetAction((parse, ct) => Task.Run(() =>
        {
            int g = parse.GetValue(genomes), c = parse.GetValue(clusters), reps = parse.GetValue(repetitions);
            if (g < 1 || c < 2 || reps < 1)
            {
                throw new CliException($"--genomes ({g}) and --repetitions ({reps}) must be at least 1, --clusters ({c}) at least 2");
            }

            string? outPath = parse.GetValue(output);
            CliFiles.EnsureWritable(outPath, "--out");
            string? load = Wnn.Reports.Benchmarks.BenchmarkMachine.LoadAverage();
            string folder = Directory.CreateTempSubdirectory("wnn-bench-checkpoint-").FullName;
            if (parse.GetValue(dir) is { } d)
            {
                Directory.Delete(folder);
                folder = Path.Combine(d, $"wnn-bench-checkpoint-{Environment.ProcessId}");
                Directory.CreateDirectory(folder);
            }

            try
            {
                CheckpointBenchmark.Result r = CheckpointBenchmark.Run(folder, g, c, reps);
                if (outPath is not null)
                {
                    BenchResultFiles.Checkpoint(r, load).Write(outPath);
                }

                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["write_seconds_median"] = r.WriteSecondsMedian,
                        ["read_seconds_median"] = r.ReadSecondsMedian,
                        ["write_cpu_seconds_median"] = r.WriteCpuSecondsMedian,
                        ["read_cpu_seconds_median"] = r.ReadCpuSecondsMedian,
                        ["gzip_bytes"] = r.GzipBytes,
                        ["genomes"] = r.Genomes,
                        ["clusters"] = r.Clusters,
                        ["connections"] = r.Connections,
                    }));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Genomes} genomes x {r.Clusters} clusters ({r.Connections:N0} connections): write {r.WriteSecondsMedian:F3} s (CPU {r.WriteCpuSecondsMedian:F3} s), read {r.ReadSecondsMedian:F3} s (CPU {r.ReadCpuSecondsMedian:F3} s), {r.GzipBytes:N0} bytes gzipped"));
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            return 0;
        }, ct));
        return command;
    }
}
