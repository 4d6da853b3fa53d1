using Spectre.Console;

namespace Wnn.Cli;

/// <summary>How long-running commands show progress: live on an interactive terminal, timestamped plain lines otherwise (logs, pipes, --plain).</summary>
internal static class ConsoleProgressMode
{
    public static bool IsLive(bool plainRequested) =>
        !plainRequested && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
