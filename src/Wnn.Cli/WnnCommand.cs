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
            // WnnException must reach the catch below (one line, its exit code), and Ctrl+C must leave time for a
            // clean stop: workers hand their flows back and write checkpoints.
            var invocation = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            };
            return await parsed.InvokeAsync(invocation);
        }
        catch (WnnException ex)
        {
            // Every user-facing error of the libraries and of the CLI: one line, no stack trace.
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("WNN_DEBUG") is null)
        {
            // Never a stack trace for users; WNN_DEBUG=1 shows it.
            await Console.Error.WriteLineAsync($"error: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }
}
