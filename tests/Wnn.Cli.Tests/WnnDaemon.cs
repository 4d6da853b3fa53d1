using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Wnn.Cli.Tests;

/// <summary>A long-running `wnn` child process (serve, worker) whose output is collected; killed on dispose.</summary>
internal sealed partial class WnnDaemon : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    public WnnDaemon(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wnn.dll"));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WNN_DATA"] = Path.Combine(workingDirectory, "cache");
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Waits for the server's "serving URL" line and returns the URL.</summary>
    public async Task<string> WaitForUrlAsync()
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(100))
        {
            if (ServingLine().Match(Output) is { Success: true } m)
            {
                return m.Groups[1].Value;
            }

            if (_process.HasExited)
            {
                break;
            }
        }

        throw new TimeoutException("wnn serve did not report its URL:\n" + Output);
    }

    /// <summary>SIGKILL: the process dies without any cleanup (a crashed machine, an OOM kill).</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM and wait for a clean exit.</summary>
    public int Terminate()
    {
        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("wnn did not stop within 60 s of SIGTERM:\n" + Output);
        }

        // WaitForExit with a timeout does not wait for the redirected output to drain; this one does, so Output holds
        // the process's last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    [GeneratedRegex(@"wnn: serving (http://\S+?/?) \(")]
    private static partial Regex ServingLine();
}
