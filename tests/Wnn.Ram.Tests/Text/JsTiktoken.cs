using System.Diagnostics;
using System.Text.Json;
using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

/// <summary>
/// js-tiktoken run by node: installed once with npm (the version <c>wnn data fetch</c> pins) into
/// artifacts/test-tools/, then asked to encode lines. Any missing piece (node, npm, the registry) is an exception
/// saying what is missing, so that the test fails with the reason.
/// </summary>
internal static class JsTiktoken
{
    private static readonly Lazy<string> Installed = new(Install);

    /// <summary>js-tiktoken's ids for each line, or null where node's Unicode tables do not know a code point.</summary>
    public static int?[][] Encode(string[] lines)
    {
        string dir = Installed.Value;
        string input = Path.Combine(Path.GetTempPath(), $"wnn-tiktoken-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(lines));
        try
        {
            string script = Path.Combine(AppContext.BaseDirectory, "Text", "tiktoken-encode.mjs");
            (int code, string stdout, string stderr) = Run("node", dir, script, input, dir);
            if (code != 0)
            {
                throw new InvalidOperationException($"node {script} failed (exit {code}): {stderr.Trim()}");
            }

            return JsonSerializer.Deserialize<int?[][]>(stdout)!;
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static string Install()
    {
        string repo = RepoRoot();
        string dir = Path.Combine(repo, "artifacts", "test-tools", NpmPackage.JsTiktoken.Spec);
        if (File.Exists(Path.Combine(dir, "node_modules", "js-tiktoken", "package.json")))
        {
            return dir;
        }

        string temp = dir + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temp);
        try
        {
            (int code, _, string stderr) = Run("npm", temp, "install", "--prefix", temp, "--no-audit", "--no-fund", "--no-save", "--ignore-scripts",
                "--loglevel=error", NpmPackage.JsTiktoken.Spec);
            if (code != 0)
            {
                throw new InvalidOperationException($"npm install {NpmPackage.JsTiktoken.Spec} failed (exit {code}): {stderr.Trim()}");
            }

            try
            {
                Directory.Move(temp, dir);
            }
            catch (IOException) when (Directory.Exists(dir))
            {
                // Another test process installed it first.
            }

            return dir;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Wnn.slnx")))
        {
            d = d.Parent;
        }

        return d?.FullName ?? throw new InvalidOperationException("no Wnn.slnx above " + AppContext.BaseDirectory);
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot run '{file}' ({ex.Message}); the js-tiktoken comparison needs Node.js with npm", ex);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 5 minutes");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
