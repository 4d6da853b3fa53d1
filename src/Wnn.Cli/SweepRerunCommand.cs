using System.CommandLine;
using System.Globalization;
using Wnn.Experiments.Sweeps;

namespace Wnn.Cli;

/// <summary>`wnn sweep rerun SWEEP --trial N`: runs one trial again in a fresh run directory and checks its metric (exit 1 on a mismatch).</summary>
internal static class SweepRerunCommand
{
    public static Command Create()
    {
        var sweep = new Argument<string>("SWEEP") { Description = "Sweep directory or id." };
        var trial = new Option<int>("--trial") { Description = "The trial number to reproduce (as `wnn study trials` lists it).", Required = true };
        var tolerance = new Option<double>("--tolerance") { Description = "Largest accepted absolute difference of the metric (0: the exact value).", DefaultValueFactory = _ => 0 };
        var storage = new Option<string?>("--storage") { Description = "Study database (default: the one recorded in sweep.yaml)." };
        var command = new Command("rerun", "Reproduce one complete trial (same command, config, seed and environment) in a fresh run directory and check its metric.")
        {
            sweep, trial, tolerance, storage,
        };
        command.SetAction(async (parse, ct) =>
        {
            SweepRerunResult r = await SweepRerun.RunAsync(parse.GetValue(sweep)!, parse.GetValue(trial), parse.GetValue(tolerance), parse.GetValue(storage), ct);
            string metric = r.Metric ?? "exit code 0";
            string now = r.Rerun is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "not reported";
            Console.WriteLine($"trial {r.Trial}: recorded {metric} = {r.Recorded.ToString("R", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"rerun in {r.RunDir}: {metric} = {now} ({(r.Exit.Succeeded ? "exit code 0" : r.Exit.Reason ?? $"exit code {r.Exit.ExitCode}")}, {r.Exit.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
            string within = parse.GetValue(tolerance) == 0 ? "exactly" : $"within {parse.GetValue(tolerance).ToString(CultureInfo.InvariantCulture)}";
            Console.WriteLine(r.Match ? $"reproduced: the metric matches {within}" : $"NOT reproduced: the metric does not match {within}");
            return r.Match ? 0 : 1;
        });
        return command;
    }
}
