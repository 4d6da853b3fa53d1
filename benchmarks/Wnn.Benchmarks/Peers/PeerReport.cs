using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Wnn.Benchmarks.Peers;

/// <summary>Builds docs/benchmarks.md from the results files of both sides: medians, Mann–Whitney p-values and verdicts, overhead.</summary>
public static class PeerReport
{
    /// <summary>Significance level of the verdicts.</summary>
    public const double Alpha = 0.05;

    /// <summary>One overhead measurement line.</summary>
    public sealed record Overhead(string Impl, string Measure, double Median, double Mean, double? CpuMean, int N, string Unit);

    /// <summary>One compared cell of the table.</summary>
    public sealed record Row(PeerProblem Problem, string Sampler, double OursMedian, double TheirsMedian, int OursN, int TheirsN, double P, string Verdict, double OursSeconds, double TheirsSeconds)
    {
        /// <summary>Holm-adjusted p over the problems of this row's sampler; the verdict is taken at α from it.</summary>
        public double PHolm { get; init; } = P;

        /// <summary>Our sampler (a TPE variant's name, or the same as <see cref="Sampler"/>).</summary>
        public string OursSampler { get; init; } = Sampler;

        /// <summary>win/loss by the unadjusted p (for the "before correction" counts).</summary>
        public string RawVerdict { get; init; } = Verdict;
    }

    /// <summary>Reads result and overhead lines.</summary>
    public static (List<PeerResult> Runs, List<Overhead> Overheads) Read(IEnumerable<string> lines)
    {
        var runs = new List<PeerResult>();
        var overheads = new List<Overhead>();
        foreach (string line in lines.Where(l => l.TrimStart().StartsWith('{')))
        {
            using var doc = JsonDocument.Parse(line);
            JsonElement r = doc.RootElement;
            if (r.TryGetProperty("measure", out JsonElement m))
            {
                overheads.Add(new Overhead(r.GetProperty("impl").GetString()!, m.GetString()!, r.GetProperty("median").GetDouble(), r.GetProperty("mean").GetDouble(), r.TryGetProperty("cpu_mean", out JsonElement c) ? c.GetDouble() : null, r.GetProperty("n").GetInt32(), r.GetProperty("unit").GetString()!));
            }
            else if (r.TryGetProperty("problem", out _))
            {
                runs.Add(JsonSerializer.Deserialize<PeerResult>(line)!);
            }
        }

        return (runs, overheads);
    }

    /// <summary>Compares ours with Optuna for every (problem, sampler) present on both sides.</summary>
    /// <summary>Our TPE variants that are present (see <see cref="PeerRunner.TpeVariants"/>) are compared with Optuna's default TPE.</summary>
    public static List<Row> Compare(IReadOnlyList<PeerResult> ours, IReadOnlyList<PeerResult> theirs)
    {
        string[] variants = [.. PeerRunner.TpeVariants.Keys.Where(v => ours.Any(r => r.Sampler == v))];
        return Holm(Compare(ours, theirs, p => PeerRunner.SamplersFor(p).Select(s => (s, s)).Concat(variants.Select(v => (v, "tpe")))));
    }

    /// <summary>
    /// Holm–Bonferroni step-down over each of our samplers' problems (family-wise error α per sampler): the k-th smallest
    /// of m p-values is multiplied by m − k + 1, made monotone, and capped at 1; verdicts are taken from the adjusted p.
    /// </summary>
    public static List<Row> Holm(List<Row> rows)
    {
        var adjusted = new List<Row>();
        foreach (IGrouping<(string, string), Row> family in rows.GroupBy(r => (r.OursSampler, r.Sampler)))
        {
            Row[] sorted = [.. family.OrderBy(r => r.P)];
            double running = 0;
            for (int k = 0; k < sorted.Length; k++)
            {
                running = Math.Max(running, Math.Min(1, (sorted.Length - k) * sorted[k].P));
                string verdict = running >= Alpha ? "tie" : sorted[k].RawVerdict;
                adjusted.Add(sorted[k] with { PHolm = running, Verdict = verdict });
            }
        }

        List<PeerProblem> order = [.. PeerProblems.All];
        return [.. adjusted.OrderBy(r => order.IndexOf(r.Problem)).ThenBy(r => rows.IndexOf(rows.First(x => x.OursSampler == r.OursSampler && x.Sampler == r.Sampler && x.Problem == r.Problem)))];
    }

    /// <summary>Diagnostic variants on the Optuna side (sampler names such as "tpe-logpdf-fixed") against our base sampler ("tpe").</summary>
    public static List<Row> CompareVariants(IReadOnlyList<PeerResult> ours, IReadOnlyList<PeerResult> theirs)
    {
        string[] variants = [.. theirs.Select(r => r.Sampler).Distinct().Where(s => !PeerRunner.Samplers.Contains(s))];
        return Holm(Compare(ours, theirs, _ => variants.Select(v => (v.Split('-')[0], v))));
    }

    private static List<Row> Compare(IReadOnlyList<PeerResult> ours, IReadOnlyList<PeerResult> theirs, Func<PeerProblem, IEnumerable<(string Ours, string Theirs)>> pairs)
    {
        var rows = new List<Row>();
        foreach (PeerProblem problem in PeerProblems.All)
        {
            foreach ((string sampler, string theirSampler) in pairs(problem))
            {
                double[] a = [.. ours.Where(r => r.Problem == problem.Name && r.Sampler == sampler).Select(r => r.Value)];
                double[] b = [.. theirs.Where(r => r.Problem == problem.Name && r.Sampler == theirSampler).Select(r => r.Value)];
                if (a.Length == 0 || b.Length == 0)
                {
                    continue;
                }

                MannWhitneyU.Result test = MannWhitneyU.Test(a, b);
                bool oursBetter = problem.IsMultiObjective ? !test.FirstTendsSmaller : test.FirstTendsSmaller;
                string verdict = test.P >= Alpha ? "tie" : oursBetter ? "win" : "loss";
                rows.Add(new Row(
                    problem, theirSampler, TpeOverhead.Median(a), TpeOverhead.Median(b), a.Length, b.Length, test.P, verdict,
                    TpeOverhead.Median([.. ours.Where(r => r.Problem == problem.Name && r.Sampler == sampler).Select(r => r.ElapsedSeconds)]),
                    TpeOverhead.Median([.. theirs.Where(r => r.Problem == problem.Name && r.Sampler == theirSampler).Select(r => r.ElapsedSeconds)]))
                { OursSampler = sampler });
            }
        }

        return rows;
    }

    /// <summary>The whole markdown document.</summary>
    public static string Markdown(IReadOnlyList<Row> rows, IReadOnlyList<Row> variants, IReadOnlyList<Overhead> overheads, string machine, string commands, string notes)
    {
        var md = new StringBuilder();
        void L(string s = "") => md.Append(s).Append('\n');
        L("# Benchmarks: Wnn.Search against Optuna");
        L();
        L("Generated by `benchmarks/peers/run.sh` — do not edit by hand; the analysis section is copied from `benchmarks/peers/notes.md`.");
        L("Both sides run the same problems (checked point by point before every run), the same budgets and seeds 0..N-1, each library's samplers with their default settings.");
        L();
        L("## Summary");
        L();
        L($"Verdict per problem: two-sided Mann–Whitney U test of our final scores against Optuna's; win/loss is the side with the better rank sum (lower best value, higher hypervolume). **Multiple comparisons: Holm–Bonferroni over the problems of each sampler row** (family-wise α = {Alpha.ToString(CultureInfo.InvariantCulture)} per row); a cell is a win or loss only when its Holm-adjusted p < α, else a tie. The counts in brackets are before correction (raw p < α).");
        L();
        L("| ours | against Optuna 3.1 | problems | wins | losses | ties | wins / losses before correction |");
        L("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (string sampler in rows.Select(r => r.OursSampler).Distinct())
        {
            Row[] s = [.. rows.Where(r => r.OursSampler == sampler)];
            L($"| {Label(sampler)} | {Label(s[0].Sampler)} | {s.Length} | {s.Count(r => r.Verdict == "win")} | {s.Count(r => r.Verdict == "loss")} | {s.Count(r => r.Verdict == "tie")} | [{s.Count(r => r.RawVerdict == "win")} / {s.Count(r => r.RawVerdict == "loss")}] |");
        }

        L();
        L("Random against random is a control: the two random samplers are equivalent, so it should tie everywhere after correction.");
        Row[] losses = [.. rows.Where(r => r.Verdict == "loss" && r.Sampler != "random")];
        L();
        L(losses.Length == 0
            ? "**Significant losses: none.**"
            : $"**Significant losses ({losses.Length}):** " + string.Join(", ", losses.Select(r => $"{Label(r.OursSampler)} on {r.Problem.Name} (Holm p = {P(r.PHolm)})")) + ".");
        L();
        L("## Quality");
        L();
        L("Score: the best objective value found (minimized) or, for two-objective problems, the hypervolume of all complete trials against the reference point (larger is better). Medians over seeds; seconds are the median wall time of one whole run (sampler plus objective).");
        L();
        void Table(IEnumerable<Row> table)
        {
            L("| problem | kind | trials | score | ours | Optuna | ours median | Optuna median | p | Holm p | verdict | seeds ours/Optuna | ours s/run | Optuna s/run |");
            L("| --- | --- | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
            foreach (Row r in table)
            {
                string score = r.Problem.IsMultiObjective ? "hypervolume ↑" : r.Problem.Noise > 0 ? $"true f of best noisy (σ {F(r.Problem.Noise)}) ↓" : "best ↓";
                L($"| {r.Problem.Name} | {r.Problem.Kind} | {r.Problem.Budget} | {score} | {Label(r.OursSampler)} | {Label(r.Sampler)} | {F(r.OursMedian)} | {F(r.TheirsMedian)} | {P(r.P)} | {P(r.PHolm)} | {(r.Verdict == "tie" ? "tie" : $"**{r.Verdict}**")} | {r.OursN}/{r.TheirsN} | {F(r.OursSeconds)} | {F(r.TheirsSeconds)} |");
            }
        }

        Table(rows);
        if (variants.Count > 0)
        {
            L();
            L("### Diagnostic: Optuna 3.1's TPE with its log-density bug patched");
            L();
            L("Optuna 3.1's truncated-normal `logpdf` leaves out −log σ (optuna/optuna#5109, fixed upstream in late 2023), so every TPE kernel's density is multiplied by its own width. `optuna_bench.py` can patch that one term at run time (sampler `tpe-logpdf-fixed`); these rows compare our TPE with the patched Optuna TPE on the problems where the gap was largest. Not part of the summary.");
            L();
            Table(variants);
        }

        L();
        L("Wall times were taken on a shared, heavily loaded machine (see Machine); compare them between rows of the same run only.");
        L();
        L("## Overhead");
        L();
        L("| measure | ours | Optuna |");
        L("| --- | ---: | ---: |");
        foreach (string measure in overheads.Select(o => o.Measure).Distinct())
        {
            Overhead? o = overheads.FirstOrDefault(x => x.Measure == measure && x.Impl == "wnn");
            Overhead? t = overheads.FirstOrDefault(x => x.Measure == measure && x.Impl == "optuna");
            L($"| {Describe(measure)} | {O(o)} | {O(t)} |");
        }

        if (!overheads.Any(o => o.Impl == "wnn" && o.Measure.StartsWith("sqlite", StringComparison.Ordinal)))
        {
            L();
            L("Ours for SQLite is not in this table: `SqliteStudyStorage` (Wnn.Storage) implements `IStudyStorage`, and its end-to-end timing comes from `dotnet run -c Release --project benchmarks/Wnn.Benchmarks -- study-storage` (docs/studies.md, Timing).");
        }

        L();
        L("## Machine");
        L();
        L("```");
        L(machine.TrimEnd());
        L("```");
        L();
        L("## Commands");
        L();
        L("```bash");
        L(commands.TrimEnd());
        L("```");
        L();
        L(notes.TrimEnd());
        return md.ToString();
    }

    private static string Label(string sampler) => sampler switch
    {
        "tpe" => "TPE",
        "cmaes" => "CMA-ES",
        "nsga2" => "NSGA-II",
        "random" => "random",
        "tpe-logpdf-fixed" => "TPE (logpdf patched)",
        "tpe-multivariate" => "TPE multivariate",
        _ => sampler,
    };

    private static string Describe(string measure) => measure switch
    {
        "tpe_ask_tell_ms" => "TPE ask + tell at 1,000 finished trials, 8 float parameters (median of the next 100)",
        "sqlite_random_1000_s" => "1,000 random-sampler trials persisted to SQLite end to end (one run)",
        _ => measure,
    };

    private static string O(Overhead? o) => o is null ? "pending" : o.N == 1
        ? $"{F(o.Median)} {o.Unit} wall, {(o.CpuMean is double c ? F(c) : "?")} {o.Unit} CPU"
        : $"median {F(o.Median)} {o.Unit} wall (mean {F(o.Mean)}); {(o.CpuMean is double c2 ? F(c2) : "?")} {o.Unit} CPU per op; n = {o.N}";

    private static string F(double v)
    {
        double a = Math.Abs(v);
        return v == 0 || (a >= 1e-3 && a < 1e5)
            ? v.ToString(a >= 100 ? "0.##" : "0.####", CultureInfo.InvariantCulture)
            : v.ToString("0.###e0", CultureInfo.InvariantCulture);
    }

    private static string P(double p) => p < 1e-4 ? p.ToString("0.0e0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
