using System.Globalization;
using System.Text.Json;

namespace Wnn.Benchmarks.Peers;

/// <summary>
/// The `peers` mode of the benchmarks app: run | overhead | points | check-points | report. See benchmarks/peers/README.md.
/// </summary>
public static class PeersCommand
{
    private const string Usage = """
        usage: Wnn.Benchmarks peers <command> [options]
          run [--seeds 20] [--problems a,b] [--samplers tpe,cmaes,nsga2,random] [--out FILE]
                                  one JSON line per (problem, sampler, seed)
          overhead [--finished N] [--dims D] [--out FILE]   TPE ms per ask+tell at N (1,000) finished trials, D (8) float parameters
          selftest                checks the Mann–Whitney U test and the normal tail on known values
          points                  objective values at fixed points (compare with optuna_bench.py points)
          check-points FILE       compares our points with the Optuna script's; exit 1 on a mismatch
          quality [--seeds 20] [--optuna] [--write-docs]
                                  the whole comparison: check points, our runs, overhead, (--optuna: rerun the Optuna side),
                                  (--write-docs: docs/benchmarks.md)
          report --results DIR --out FILE
                                  writes the markdown table from DIR/{wnn,optuna}.jsonl, machine.txt, commands.txt, notes.md
        """;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Dictionary<string, string> options = Options(args[1..]);
        switch (args[0])
        {
            case "run":
                return RunAll(options);
            case "overhead":
                int finished = options.TryGetValue("finished", out string? f) ? int.Parse(f, CultureInfo.InvariantCulture) : 1000;
                int dims = options.TryGetValue("dims", out string? dd) ? int.Parse(dd, CultureInfo.InvariantCulture) : 8;
                (double[] ms, double cpu) = TpeOverhead.Measure(finished, dims: dims);
                Emit(options, [JsonSerializer.Serialize(new { impl = "wnn", measure = "tpe_ask_tell_ms", finished, dims, median = TpeOverhead.Median(ms), mean = ms.Average(), cpu_mean = cpu, n = ms.Length, unit = "ms" })]);
                return 0;
            case "selftest":
                return SelfTest();
            case "points":
                Emit(options, PeerPoints.Lines());
                return 0;
            case "check-points" when args.Length > 1:
                IReadOnlyList<string> mismatches = PeerPoints.Compare(PeerPoints.Lines(), File.ReadLines(args[1]));
                foreach (string m in mismatches)
                {
                    Console.Error.WriteLine(m);
                }

                Console.WriteLine(mismatches.Count == 0 ? "points agree: both sides define the same problems" : $"{mismatches.Count} point(s) differ");
                return mismatches.Count == 0 ? 0 : 1;
            case "quality":
                return PeerQuality.Run(options, args.Contains("--optuna"), args.Contains("--write-docs"));
            case "report" when options.ContainsKey("results") && options.ContainsKey("out"):
                return Report(options["results"], options["out"]);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int RunAll(Dictionary<string, string> options)
    {
        int seeds = options.TryGetValue("seeds", out string? s) ? int.Parse(s, CultureInfo.InvariantCulture) : 20;
        PeerProblem[] problems = options.TryGetValue("problems", out string? p) ? [.. p.Split(',').Select(PeerProblems.Get)] : [.. PeerProblems.All];
        string[]? samplers = options.TryGetValue("samplers", out string? sm) ? sm.Split(',') : null;
        TextWriter output = options.TryGetValue("out", out string? path) ? new StreamWriter(path, append: false) : Console.Out;
        try
        {
            foreach (PeerProblem problem in problems)
            {
                IEnumerable<string> names = samplers is null ? PeerRunner.SamplersFor(problem)
                    : samplers.Where(x => !(problem.IsMultiObjective && x == "cmaes"));
                foreach (string sampler in names)
                {
                    var values = new List<double>();
                    for (int seed = 0; seed < seeds; seed++)
                    {
                        PeerResult result = PeerRunner.Run(problem, sampler, seed);
                        values.Add(result.Value);
                        output.WriteLine(JsonSerializer.Serialize(result));
                    }

                    output.Flush();
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{problem.Name} {sampler}: median {TpeOverhead.Median(values):G6}"));
                }
            }
        }
        finally
        {
            if (!ReferenceEquals(output, Console.Out))
            {
                output.Dispose();
            }
        }

        return 0;
    }

    /// <summary>Writes the markdown report from a results directory.</summary>
    public static int Report(string dir, string outPath)
    {
        (List<PeerResult> ours, List<PeerReport.Overhead> oursOverhead) = PeerReport.Read(File.ReadLines(Path.Combine(dir, "wnn.jsonl")));
        (List<PeerResult> theirs, List<PeerReport.Overhead> theirOverhead) = PeerReport.Read(File.ReadLines(Path.Combine(dir, "optuna.jsonl")));
        string Text(string name) => File.Exists(Path.Combine(dir, name)) ? File.ReadAllText(Path.Combine(dir, name)) : $"({name} missing)";
        string notesPath = Path.Combine(dir, "..", "notes.md");
        string notes = File.Exists(notesPath) ? File.ReadAllText(notesPath) : string.Empty;
        List<PeerReport.Row> rows = PeerReport.Compare(ours, theirs);
        string md = PeerReport.Markdown(rows, PeerReport.CompareVariants(ours, theirs), [.. oursOverhead, .. theirOverhead], Text("machine.txt"), Text("commands.txt"), notes);
        string tmp = outPath + ".tmp";
        File.WriteAllText(tmp, md);
        File.Move(tmp, outPath, overwrite: true);
        Console.WriteLine($"wrote {outPath}: {rows.Count} comparisons, {rows.Count(r => r.Verdict == "win")} wins, {rows.Count(r => r.Verdict == "loss")} losses, {rows.Count(r => r.Verdict == "tie")} ties");
        return 0;
    }

    private static int SelfTest()
    {
        // Reference values: Phi tails from tables; U-test p-values worked by hand from the documented formula
        // (e.g. 1..5 against 6..10: U = 0, sd = sqrt(25 / 12 * 11), z = 12 / sd = 2.50672, p = 0.012186).
        (string Name, double Got, double Want)[] checks =
        [
            ("P(Z > 1.959964)", MannWhitneyU.UpperTail(1.959964), 0.025),
            ("P(Z > 0.5)", MannWhitneyU.UpperTail(0.5), 0.3085375387259869),
            ("P(Z > 3)", MannWhitneyU.UpperTail(3), 0.0013498980316301),
            ("P(Z > 6)", MannWhitneyU.UpperTail(6), 9.865876450377e-10),
            ("p(1..5 vs 6..10)", MannWhitneyU.Test([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).P, 2 * MannWhitneyU.UpperTail(12 / Math.Sqrt(25.0 / 12 * 11))),
            ("p(1..5 vs 6..10) value", MannWhitneyU.Test([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).P, 0.012186),
            ("p(identical)", MannWhitneyU.Test([1, 1, 1], [1, 1, 1]).P, 1),
            // Ties: {1,2,2,3} vs {2,3,3,4}: ranks 1, 3, 3, 6 | 3, 6, 6, 8; R1 = 13, U1 = 3, tie term 24 + 24 = 48,
            // var = 16 / 12 (9 - 48 / 56) = 10.857, z = (8 - 3 - 0.5) / 3.2950 = 1.36570, p = 0.17203.
            ("p(ties)", MannWhitneyU.Test([1, 2, 2, 3], [2, 3, 3, 4]).P, 0.17203),
        ];
        int failed = 0;
        foreach ((string name, double got, double want) in checks)
        {
            bool ok = Math.Abs(got - want) <= 1e-4 * Math.Abs(want) + 1e-12;
            failed += ok ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(ok ? "ok  " : "FAIL")} {name}: {got:R} (want {want:R})"));
        }

        return failed == 0 ? 0 : 1;
    }

    private static void Emit(Dictionary<string, string> options, IEnumerable<string> lines)
    {
        if (options.TryGetValue("out", out string? path))
        {
            File.WriteAllLines(path, lines);
        }
        else
        {
            foreach (string line in lines)
            {
                Console.WriteLine(line);
            }
        }
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = args[++i];
            }
        }

        return options;
    }
}
