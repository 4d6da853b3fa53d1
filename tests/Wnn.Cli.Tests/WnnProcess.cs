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
        string dll = Path.Combine(AppContext.BaseDirectory, "wnn.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WNN_DATA"] = Path.Combine(workingDirectory, "cache");
        info.Environment.Remove("WNN_DEBUG");
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("wnn " + string.Join(' ', args) + " did not finish in 5 minutes");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
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
