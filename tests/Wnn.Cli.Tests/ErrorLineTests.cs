using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wnn.Cli.Tests;

/// <summary>Failures the hostile test found outside "one line on stderr, exit 2".</summary>
public sealed class ErrorLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-errors-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path.Combine(_dir, "full")))
        {
            Run("umount", Path.Combine(_dir, "full"));
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static string[] Search(params string[] extra) =>
        ["search", .. WnnProcess.WikiText(6_000, 1_000), "--tier-config", "50,6,10;rest,2,6", "--ga-gens", "1", "--ts-iters", "1",
            "--population", "4", "--neighbors", "3", "--seed", "3", "--threads", "2", .. extra];

    private static void AssertOneLine(WnnProcess.Result r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    private static int Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        p.WaitForExit();
        return p.ExitCode;
    }

    [Fact]
    public void A_full_disk_is_one_line_with_exit_2_and_leaves_no_temp_file()
    {
        // A 128 KiB tmpfs: the first phase checkpoint does not fit. Needs root (CI and the test machine run as root).
        string full = Path.Combine(_dir, "full");
        Directory.CreateDirectory(full);
        Assert.True(Run("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", full) == 0, "cannot mount a 128 KiB tmpfs (this test needs root)");
        WnnProcess.Result r = WnnProcess.Run(_dir, Search("--checkpoint-dir", Path.Combine(full, "ck")));
        AssertOneLine(r, "disk full: No space left on device");
        Assert.Empty(Directory.GetFiles(Path.Combine(full, "ck")));
    }

    [Fact]
    public void A_port_in_use_is_one_line_with_exit_2()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        int port = ((IPEndPoint)holder.LocalEndpoint).Port;
        WnnProcess.Result r = WnnProcess.Run(_dir, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--db", Path.Combine(_dir, "x.db"), "--workers", "0");
        AssertOneLine(r, $"port {port} on 127.0.0.1 is already in use");
        Assert.DoesNotContain("   at ", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_garbage_mid_checkpoint_is_one_line_with_exit_2()
    {
        string ck = Path.Combine(_dir, "ck");
        Directory.CreateDirectory(ck);
        File.WriteAllBytes(Path.Combine(ck, "phase_1b_ts_neurons.mid.json.gz"), [0x1f, 0x8b, 8, 0, 9, 9, 9, 9, 9, 9, 1, 2, 3]);
        WnnProcess.Result r = WnnProcess.Run(_dir, Search("--checkpoint-dir", ck, "--resume-from", "1b"));
        AssertOneLine(r, "truncated file"); // a gzip header with a cut-off body
        Assert.Contains("phase_1b_ts_neurons.mid.json.gz", r.Stderr, StringComparison.Ordinal);
    }
}
