using System.Diagnostics;
using System.Text.Json;

namespace Wnn.Cli.Tests;

/// <summary>
/// The CLI published self-contained by scripts/ci/publish-cli.sh (what the Containerfile's worker image holds), once
/// per test run and reused while no source changed (artifacts/self-contained, with the launcher's staleness check),
/// then copied to a clean folder.
/// </summary>
public sealed class PublishedCli : IDisposable
{
    public PublishedCli()
    {
        string root = WnnProcess.RepoRoot;
        string published = Path.Combine(root, "artifacts", "self-contained", "linux-x64");
        string stamp = published + ".stamp";
        bool current = File.Exists(stamp) && File.Exists(Path.Combine(published, "wnn"))
            && File.GetLastWriteTimeUtc(CiScripts.ScriptPath("publish-cli.sh")) < File.GetLastWriteTimeUtc(stamp)
            && StaleSource(root, stamp) == "";
        if (!current)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(published)!);
            File.Delete(stamp);
            if (Directory.Exists(published))
            {
                Directory.Delete(published, recursive: true);
            }

            // publish-cli.sh runs its own build in a temporary artifacts folder: the test host's MSBuild settings must not leak in.
            DateTime started = DateTime.UtcNow;
            var environment = new Dictionary<string, string?> { ["MSBUILD_EXE_PATH"] = null, ["MSBuildExtensionsPath"] = null, ["MSBuildSDKsPath"] = null };
            WnnProcess.Result r = CiScripts.Run("publish-cli.sh", root, environment, TimeSpan.FromMinutes(45), published);
            Assert.True(r.ExitCode == 0, "scripts/ci/publish-cli.sh failed: " + r.Stderr + r.Stdout);
            File.WriteAllText(stamp, "");
            File.SetLastWriteTimeUtc(stamp, started); // a source edited during the publish makes the next run publish again
        }

        App = Path.Combine(Dir, "app");
        CopyTree(published, App);
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("wnn-self-contained-").FullName;

    /// <summary>The clean folder holding the published CLI (a copy; nothing else of the repository is next to it).</summary>
    public string App { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    private static string StaleSource(string root, string stamp)
    {
        var info = new ProcessStartInfo(Path.Combine(root, "scripts", "stale-sources.sh")) { RedirectStandardOutput = true };
        info.ArgumentList.Add(root);
        info.ArgumentList.Add(stamp);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output.Trim() : "stale-sources.sh failed";
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }
}

/// <summary>
/// The published self-contained CLI runs real jobs from a clean folder with an empty environment (no PATH, so no
/// `dotnet`, no DOTNET_ROOT), and gives exactly what the framework-dependent build gives.
/// </summary>
public sealed class SelfContainedCliTests(PublishedCli cli) : IClassFixture<PublishedCli>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-self-contained-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs the published `wnn` with nothing in its environment but HOME.</summary>
    private WnnProcess.Result RunPublished(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(cli.App, "wnn")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        info.Environment.Clear();
        info.Environment["HOME"] = _dir;
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return CiScripts.Execute(info, TimeSpan.FromMinutes(5), "published wnn " + string.Join(' ', args));
    }

    [Fact]
    public void The_published_folder_carries_its_own_runtime()
    {
        Assert.True(File.Exists(Path.Combine(cli.App, "libcoreclr.so")));
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.App, "wnn.runtimeconfig.json")));
        JsonElement options = config.RootElement.GetProperty("runtimeOptions");
        Assert.True(options.TryGetProperty("includedFrameworks", out JsonElement included), "not self-contained: " + options);
        Assert.Contains(included.EnumerateArray(), f => f.GetProperty("name").GetString() == "Microsoft.NETCore.App");
        Assert.False(options.TryGetProperty("framework", out _));
    }

    [Fact]
    public void A_quick_sweep_from_the_clean_folder_gives_the_framework_dependent_builds_trials()
    {
        string[] args = ["sweep", "quick", "--problem", "moons", "--trials", "4", "--max-parallel", "1", "--seed", "5", "--plain", "--sweep-dir"];
        WnnProcess.Result published = RunPublished([.. args, "published"]);
        Assert.True(published.ExitCode == 0, published.Stderr + published.Stdout);
        WnnProcess.Result reference = WnnProcess.Run(_dir, [.. args, "reference"]);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        static double[] Values(string storage, string study) =>
            [.. SweepFixture.Trials(storage, study).OrderBy(t => t.Number).Select(t => t.Value ?? double.NaN)];
        double[] got = Values(Path.Combine(_dir, "published", "sweep.db"), "published");
        Assert.Equal(4, got.Length);
        Assert.DoesNotContain(double.NaN, got);
        Assert.Equal(Values(Path.Combine(_dir, "reference", "sweep.db"), "reference"), got);
    }

    [Fact]
    public void An_evaluation_of_test_data_from_the_clean_folder_equals_the_framework_dependent_builds()
    {
        string data = Path.Combine(WnnProcess.SharedData, "wikitext-2");
        string[] args = ["eval", "--train-file", Path.Combine(data, "valid.txt"), "--eval-file", Path.Combine(data, "test.txt"), "--format", "wikitext",
            "--tokenizer", "word", "--train-tokens", "20000", "--eval-tokens", "5000", "--json"];
        WnnProcess.Result published = RunPublished(args);
        Assert.True(published.ExitCode == 0, published.Stderr + published.Stdout);
        WnnProcess.Result reference = WnnProcess.Run(_dir, args);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        using JsonDocument a = JsonDocument.Parse(published.Stdout);
        using JsonDocument b = JsonDocument.Parse(reference.Stdout);
        Assert.Equal(5000, a.RootElement.GetProperty("eval_tokens").GetInt32());
        Assert.Equal(b.RootElement.GetProperty("ce").GetDouble(), a.RootElement.GetProperty("ce").GetDouble());
        Assert.Equal(b.RootElement.GetProperty("accuracy").GetDouble(), a.RootElement.GetProperty("accuracy").GetDouble());
        Assert.InRange(a.RootElement.GetProperty("ce").GetDouble(), 8.0, 9.3);
    }

    [Fact]
    public void Bad_input_to_the_published_cli_is_one_line_and_exit_2()
    {
        WnnProcess.Result r = RunPublished("sweep", "quick", "--trials", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --trials must be at least 1, got 0", r.Stderr.Trim());
    }
}
