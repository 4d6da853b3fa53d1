using System.CommandLine;

namespace Wnn.Cli;

/// <summary>`wnn sweep …`: sweeps of any experiment command (plan, run, resume, work, list, show, status, stop, rerun, quick).</summary>
internal static class SweepCommands
{
    public static Command Create()
    {
        var sweep = new Command("sweep", "Sweeps of any command over a config space: grid/multirun or study-driven, parallel, pruned, resumable.");
        foreach (Command c in Subcommands())
        {
            sweep.Subcommands.Add(c);
        }

        return sweep;
    }

    /// <summary>The sweep subcommands, one line each.</summary>
    public static IEnumerable<Command> Subcommands()
    {
        yield return SweepPlanCommand.Create();
        yield return SweepRunCommand.Run();
        yield return SweepRunCommand.Resume();
        yield return SweepRunCommand.Work();
        foreach (Command c in SweepReadCommands.Create())
        {
            yield return c;
        }

        yield return SweepRerunCommand.Create();
        yield return SweepQuickCommand.Create();
    }
}
