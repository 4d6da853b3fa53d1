using System.Diagnostics;

namespace Wnn.Cli.Tests;

/// <summary>Runs the real `wnn` program (the built wnn.dll next to the tests) as a child process.</summary>
internal static class WnnProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string RepoRoot { get; } = FindRoot();

    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Wnn.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("repository root (Wnn.slnx) not found above " + AppContext.BaseDirectory);
    }

    public static Result Run(string workingDirectory, params string[] args)
    {
        using Running running = Start(workingDirectory, args);
        return running.Wait(TimeSpan.FromMinutes(5));
    }

    /// <summary>Starts `wnn` without waiting; the caller waits for (or kills) it.</summary>
    public static Running Start(string workingDirectory, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "wnn.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WNN_DATA"] = Path.Combine(workingDirectory, "cache");
        info.Environment.Remove("WNN_DEBUG");
        return new Running(Process.Start(info)!, args);
    }

    /// <summary>A started `wnn` process whose output is being collected.</summary>
    public sealed class Running : IDisposable
    {
        private readonly string[] _args;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;

        public Running(Process process, string[] args)
        {
            Process = process;
            _args = args;
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public Result Wait(TimeSpan timeout)
        {
            if (!Process.WaitForExit(timeout))
            {
                Process.Kill(entireProcessTree: true);
                throw new TimeoutException("wnn " + string.Join(' ', _args) + $" did not finish in {timeout}");
            }

            return new Result(Process.ExitCode, _stdout.Result, _stderr.Result);
        }

        /// <summary>SIGKILL: the process gets no chance to clean up (a crashed or killed worker).</summary>
        public void KillHard()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }

    /// <summary>Data options for a small WikiText-2 setting from the shared test data.</summary>
    public static string[] WikiText(int trainTokens, int evalTokens) =>
    [
        "--train-file", Path.Combine(SharedData, "wikitext-2", "valid.txt"),
        "--eval-file", Path.Combine(SharedData, "wikitext-2", "test.txt"),
        "--tokenizer-file", Path.Combine(SharedData, "tokenizers", "gpt2.tiktoken"),
        "--train-tokens", trainTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--eval-tokens", evalTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
