using System.Diagnostics;

namespace Wnn.Cli.Tests;

/// <summary>Runs the CI step scripts of scripts/ci/ (real bash, real tools) the way a workflow does, with `wnn` being the built wnn.dll.</summary>
internal static class CiScripts
{
    /// <summary>The `wnn` command the scripts run (WNN_CLI): the wnn.dll next to the tests.</summary>
    public static string WnnCli { get; } = "dotnet " + Path.Combine(AppContext.BaseDirectory, "wnn.dll");

    public static string ScriptPath(string script) => Path.Combine(WnnProcess.RepoRoot, "scripts", "ci", script);

    /// <summary>Runs scripts/ci/<paramref name="script"/> in <paramref name="workingDirectory"/>; <paramref name="environment"/> values of null remove a variable.</summary>
    public static WnnProcess.Result Run(string script, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        Run(script, workingDirectory, environment, TimeSpan.FromMinutes(10), args);

    /// <summary>As <see cref="Run(string, string, IReadOnlyDictionary{string, string?}?, string[])"/>, with a time limit.</summary>
    public static WnnProcess.Result Run(string script, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(ScriptPath(script)) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WNN_CLI"] = WnnCli;
        info.Environment["WNN_DATA"] = Path.Combine(workingDirectory, "cache");
        info.Environment.Remove("MLFLOW_TRACKING_URI");
        foreach (KeyValuePair<string, string?> kv in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[kv.Key] = kv.Value;
            if (kv.Value is null)
            {
                info.Environment.Remove(kv.Key);
            }
        }

        return Execute(info, timeout, $"scripts/ci/{script} {string.Join(' ', args)}");
    }

    /// <summary>Starts <paramref name="info"/> (output redirected), collects its output and waits; kills the tree after <paramref name="timeout"/>.</summary>
    public static WnnProcess.Result Execute(ProcessStartInfo info, TimeSpan timeout, string label)
    {
        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{label} did not finish in {timeout}");
        }

        return new WnnProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
