using System.CommandLine;
using System.Globalization;
using Wnn.Experiments.Sweeps;

namespace Wnn.Cli;

/// <summary>`wnn bench sweep`: launcher overhead per trivial trial, N trivial trials at max_parallel 2 end to end, and controller memory at many trials.</summary>
internal static class SweepBenchCommand
{
    public static Command Create()
    {
        var launches = new Option<int>("--launches") { Description = "Trivial processes timed one by one (median reported).", DefaultValueFactory = _ => 100 };
        var trials = new Option<int>("--trials") { Description = "Trivial trials of the end-to-end sweep (max_parallel 2).", DefaultValueFactory = _ => 1000 };
        var memoryTrials = new Option<int>("--memory-trials") { Description = "In-process trials of the controller memory run.", DefaultValueFactory = _ => 10000 };
        var command = new Command("sweep", "Time the sweep launcher and controller: spawn-to-exit median of `true`, N trivial trials end to end, controller memory.") { launches, trials, memoryTrials };
        command.SetAction(async (parse, ct) =>
        {
            string dir = Directory.CreateTempSubdirectory("wnn-bench-sweep-").FullName;
            var inv = CultureInfo.InvariantCulture;
            try
            {
                double launch = await SweepBenchmark.LauncherMedianMsAsync(dir, Math.Max(1, parse.GetValue(launches)), ct);
                Console.Out.WriteLine(string.Create(inv, $"launcher: spawn to exit of `true` (own process group, run.log, metrics poll): median {launch:F2} ms"));
                int n = Math.Max(2, parse.GetValue(trials));
                (double seconds, double perTrial) = await SweepBenchmark.ProcessSweepAsync(dir, n, 2, ct);
                Console.Out.WriteLine(string.Create(inv, $"sweep: {n} trivial trials at max_parallel 2 end to end (SQLite): {seconds:F2} s ({n / seconds:F1} trials/s); trial start to recorded finish median {perTrial:F2} ms"));
                int m = Math.Max(1, parse.GetValue(memoryTrials));
                (double mSeconds, double peak, double managed) = await SweepBenchmark.ControllerMemoryAsync(dir, m, ct);
                Console.Out.WriteLine(string.Create(inv, $"controller: {m} in-process trials (random sampler, SQLite): {mSeconds:F1} s, peak working set {peak:F0} MB, managed heap {managed:F1} MB"));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }

            return 0;
        });
        return command;
    }
}
