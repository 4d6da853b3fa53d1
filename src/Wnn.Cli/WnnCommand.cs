using System.CommandLine;

namespace Wnn.Cli;

/// <summary>The root `wnn` command: every area registers its sub-commands here.</summary>
internal static class WnnCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Wnn: architecture and hyperparameter search for RAM-based (weightless) language models.");
        foreach (Command command in CommandRegistry.All())
        {
            root.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            ParseResult parsed = Create().Parse(args);
            return await parsed.InvokeAsync();
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
    }
}
