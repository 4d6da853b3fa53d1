using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Wnn.Benchmarks.Peers;

/// <summary>
/// `peers quality [--seeds 20] [--optuna] [--write-docs]`: the one command behind docs/benchmarks.md. Checks that both sides
/// define the same problems, runs our samplers (and TPE variants) on every problem and seed, measures the TPE overhead,
/// optionally reruns the Optuna side (single process, hours on two loaded cores; otherwise its committed results in
/// benchmarks/peers/results/parts/optuna-*.jsonl are used) and writes the report.
/// </summary>
public static class PeerQuality
{
    /// <summary>Our samplers in the committed run: the base ones and the TPE variants compared with Optuna's TPE.</summary>
    public static IReadOnlyList<string> Samplers => [.. PeerRunner.Samplers, .. PeerRunner.TpeVariants.Keys];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(Dictionary<string, string> options, bool optuna, bool writeDocs)
    {
        string root = RepositoryRoot();
        string results = Path.Combine(root, "benchmarks", "peers", "results");
        string parts = Path.Combine(results, "parts");
        Directory.CreateDirectory(parts);
        int seeds = options.TryGetValue("seeds", out string? s) ? int.Parse(s, CultureInfo.InvariantCulture) : 20;
        string python = Environment.GetEnvironmentVariable("WNN_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";
        string script = Path.Combine(root, "benchmarks", "peers", "optuna_bench.py");

        string points = Path.Combine(parts, "points-optuna.jsonl");
        if (Python(python, [script, "points"], points) != 0)
        {
            Console.Error.WriteLine($"{python} {script} points failed: Optuna 3.1 is needed (apt-get install -y python3-optuna python3-cmaes).");
            return 2;
        }

        IReadOnlyList<string> mismatches = PeerPoints.Compare(PeerPoints.Lines(), File.ReadLines(points));
        if (mismatches.Count > 0)
        {
            mismatches.ToList().ForEach(Console.Error.WriteLine);
            return 1;
        }

        Log($"points agree; our samplers, {seeds} seeds");
        WriteAtomic(Path.Combine(parts, "wnn-runs.jsonl"), OurRuns(seeds));
        (double[] ms, double cpu) = TpeOverhead.Measure(1000, dims: 8);
        string overhead = JsonSerializer.Serialize(new { impl = "wnn", measure = "tpe_ask_tell_ms", finished = 1000, dims = 8, median = TpeOverhead.Median(ms), mean = ms.Average(), cpu_mean = cpu, n = ms.Length, unit = "ms" });
        WriteAtomic(Path.Combine(parts, "wnn-overhead.jsonl"), [overhead]);
        Log($"overhead {overhead}");
        if (optuna)
        {
            foreach ((string file, string[] args) in new (string, string[])[]
            {
                ("optuna-tpe.jsonl", ["run", "--seeds", $"{seeds}", "--samplers", "tpe"]),
                ("optuna-others.jsonl", ["run", "--seeds", $"{seeds}", "--samplers", "cmaes,nsga2,random"]),
                ("optuna-overhead.jsonl", ["overhead"]),
            })
            {
                Log($"Optuna: {string.Join(' ', args)}");
                if (Python(python, [script, .. args], Path.Combine(parts, file)) != 0)
                {
                    Console.Error.WriteLine($"{python} {script} {string.Join(' ', args)} failed.");
                    return 1;
                }
            }
        }

        WriteAtomic(Path.Combine(results, "wnn.jsonl"), Directory.GetFiles(parts, "wnn-*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadLines));
        WriteAtomic(Path.Combine(results, "optuna.jsonl"), Directory.GetFiles(parts, "optuna-*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadLines));
        WriteAtomic(Path.Combine(results, "machine.txt"), [
            $"run finished: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            $"cores: {Environment.ProcessorCount}; load average at the end: {File.ReadAllText("/proc/loadavg").Trim()} (the machine is shared with other developers)",
            $".NET {Environment.Version}; {Environment.OSVersion}",
        ]);
        return writeDocs ? PeersCommand.Report(results, Path.Combine(root, "docs", "benchmarks.md")) : 0;
    }

    private static IEnumerable<string> OurRuns(int seeds)
    {
        foreach (PeerProblem problem in PeerProblems.All)
        {
            foreach (string sampler in Samplers.Where(x => !(problem.IsMultiObjective && x == "cmaes")))
            {
                var values = new List<double>();
                for (int seed = 0; seed < seeds; seed++)
                {
                    PeerResult result = PeerRunner.Run(problem, sampler, seed);
                    values.Add(result.Value);
                    yield return JsonSerializer.Serialize(result);
                }

                Log(string.Create(CultureInfo.InvariantCulture, $"{problem.Name} {sampler}: median {TpeOverhead.Median(values):G6}"));
            }
        }
    }

    private static int Python(string python, string[] args, string outPath)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using Process process = Process.Start(start)!;
        string tmp = outPath + ".tmp";
        using (var output = new StreamWriter(tmp))
        {
            while (process.StandardOutput.ReadLine() is string line)
            {
                output.WriteLine(line);
            }
        }

        process.WaitForExit();
        if (process.ExitCode == 0)
        {
            File.Move(tmp, outPath, overwrite: true);
        }

        return process.ExitCode;
    }

    private static void WriteAtomic(string path, IEnumerable<string> lines)
    {
        string tmp = path + ".tmp";
        File.WriteAllLines(tmp, lines);
        File.Move(tmp, path, overwrite: true);
    }

    private static void Log(string message) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");

    private static string RepositoryRoot()
    {
        for (string? dir = Directory.GetCurrentDirectory(); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Wnn.slnx")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Run from inside the Wnn repository (no Wnn.slnx above the current directory).");
    }
}
