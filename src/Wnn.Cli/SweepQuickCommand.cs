using System.CommandLine;
using Wnn.Experiments.Sweeps;
using Wnn.Experiments.Sweeps.Demo;

namespace Wnn.Cli;

/// <summary>`wnn sweep quick`: a whole sweep in seconds with no script: a tiny MLP on spirals or moons trained in-process;
/// resumable with `wnn sweep resume` like any sweep.</summary>
internal static class SweepQuickCommand
{
    public static Command Create()
    {
        var problem = new Option<string>("--problem") { Description = $"Demo problem: {string.Join(", ", DemoProblem.Names)}.", DefaultValueFactory = _ => "spirals" };
        var trials = new Option<int>("--trials") { Description = "Number of trials.", DefaultValueFactory = _ => 10 };
        var maxParallel = new Option<int>("--max-parallel") { Description = "Trials at once.", DefaultValueFactory = _ => 2 };
        var seed = new Option<long?>("--seed") { Description = "Sampler seed (default 42)." };
        var sweepDir = new Option<string?>("--sweep-dir") { Description = "Sweep directory (default outputs/experiments/exp_<time>_quick_<problem>)." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped plain lines even on a terminal." };
        Option<string?> mlflow = SweepRunCommand.MlflowOption();
        var command = new Command("quick", "A built-in demo sweep: TPE over a tiny MLP's lr, hidden width and epochs on spirals or moons, trained in-process (seconds, no script).")
        {
            problem, trials, maxParallel, seed, sweepDir, plain, mlflow,
        };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(trials) is int t and > 0 ? t : throw new CliException($"--trials must be at least 1, got {parse.GetValue(trials)}");
            _ = SweepRunCommand.TrackingUri(parse.GetValue(mlflow));
            int mp = parse.GetValue(maxParallel) is int m and > 0 ? m : throw new CliException($"--max-parallel must be at least 1, got {parse.GetValue(maxParallel)}");
            DateTimeOffset now = DateTimeOffset.Now;
            SweepDefinition definition = await SweepRunCommand.Guard(() => Task.FromResult(QuickSweep.Definition(parse.GetValue(problem)!, n, mp, parse.GetValue(seed), parse.GetValue(sweepDir), now)));
            using SweepWorkspace workspace = await SweepRunCommand.Guard(() =>
                SweepWorkspace.CreateAsync(definition, QuickSweep.SourceOf(parse.GetValue(problem)!, n, mp, parse.GetValue(seed), now), null, ct));
            return await SweepRunCommand.Execute(workspace, parse.GetValue(plain), QuickSweep.Executor(), parse.GetValue(mlflow), ct);
        });
        return command;
    }
}
