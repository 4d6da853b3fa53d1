using System.CommandLine;
using System.Globalization;
using Wnn.Reports.Benchmarks;

namespace Wnn.Cli;

/// <summary>`wnn bench compare BASELINE CURRENT`: names each figure that got significantly worse; exit 1 when one did.</summary>
internal static class BenchCompareCommand
{
    /// <summary>The `--out FILE` option of the bench commands (one declaration for all).</summary>
    public static Option<string?> OutOption() =>
        new("--out") { Description = "Also write a result file with every repetition, the machine and the CPU path (input of `wnn bench compare`)." };

    public static Command Create()
    {
        var baseline = new Argument<string>("BASELINE") { Description = "Baseline result file (e.g. benchmarks/baselines/eval-avx512.json)." };
        var current = new Argument<string>("CURRENT") { Description = "Result file of the run to check (`wnn bench eval --out FILE`)." };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the two-sided Mann–Whitney test.", DefaultValueFactory = _ => BenchmarkComparison.DefaultAlpha };
        var minEffect = new Option<double>("--min-effect") { Description = "Smallest change of the median that counts (0.1 = 10 % slower).", DefaultValueFactory = _ => BenchmarkComparison.DefaultMinEffect };
        var command = new Command("compare", "Compare two benchmark result files; exit 1 when a figure got significantly worse, 2 on bad input or files that may not be compared.")
        {
            baseline, current, alpha, minEffect,
        };
        command.SetAction(parse =>
        {
            string b = parse.GetValue(baseline)!, c = parse.GetValue(current)!;
            BenchmarkResult before = BenchmarkResult.Read(b), after = BenchmarkResult.Read(c);
            double a = parse.GetValue(alpha), effect = parse.GetValue(minEffect);
            IReadOnlyList<FigureComparison> rows = BenchmarkComparison.Compare(before, after, a, effect);
            Console.WriteLine($"baseline {b}: {before.WnnVersion}, {before.Created}, load {before.LoadAverage ?? "not recorded"}");
            Console.WriteLine($"current  {c}: {after.WnnVersion}, {after.Created}, load {after.LoadAverage ?? "not recorded"}");
            Console.WriteLine($"machine {before.Machine.CpuModel}, {before.Machine.Cores} cores; CPU path {before.CpuPath}");
            if (before.Machine.Dotnet != after.Machine.Dotnet)
            {
                Console.WriteLine($"note: .NET {before.Machine.Dotnet} in the baseline, {after.Machine.Dotnet} now");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"figure",-28} {"baseline",12} {"current",12} {"ratio",7} {"p",8} {"n",7}  verdict"));
            foreach (FigureComparison r in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Name,-28} {Value(r.BaselineMedian, r.Unit),12} {Value(r.CurrentMedian, r.Unit),12} {r.Ratio,7:F3} {r.P,8:F4} {r.BaselineCount + "/" + r.CurrentCount,7}  {r.Verdict}"));
            }

            foreach (string name in before.Figures.Select(f => f.Name).Except(after.Figures.Select(f => f.Name)))
            {
                Console.WriteLine($"not compared: {name} is only in the baseline");
            }

            foreach (string name in after.Figures.Select(f => f.Name).Except(before.Figures.Select(f => f.Name)))
            {
                Console.WriteLine($"not compared: {name} is only in the current file");
            }

            if (rows.Count == 0)
            {
                throw new CliException($"{b} and {c} have no figure in common");
            }

            var worse = rows.Where(r => r.Worse).ToList();
            string criteria = string.Create(CultureInfo.InvariantCulture, $"p < {a}, median at least {effect:P0} worse");
            foreach (FigureComparison r in worse)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"regression: {r.Name} {r.Ratio:F3}x the baseline median (p = {r.P:F4})"));
            }

            Console.WriteLine(worse.Count == 0 ? $"no regression ({criteria})" : $"{worse.Count} figure(s) got significantly worse ({criteria})");
            return worse.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static string Value(double v, string unit) => unit == "s" && v < 0.1
        ? (v * 1000).ToString("F2", CultureInfo.InvariantCulture) + " ms"
        : v.ToString("G4", CultureInfo.InvariantCulture) + " " + unit;
}
