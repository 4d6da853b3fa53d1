using System.CommandLine;

namespace Wnn.Cli;

/// <summary><c>wnn sweep …</c>: sweeps of any command over Hydra-style overrides.</summary>
internal static class SweepCommands
{
    public static Command Create()
    {
        var sweep = new Command("sweep", "Sweep a command over Hydra-style overrides (a,b,c  choice()  range()  glob() …)");
        sweep.Add(SweepPlanCommand.Create());
        // Other sweep subcommands are added here (run, resume, …), one line each.
        return sweep;
    }
}
