using System.Collections.Concurrent;
using System.Diagnostics;
using Wnn.Launchers;

namespace Wnn.Launchers.Tests;

/// <summary>Real child processes (sh, python3): logs, metrics, time limits and process-group kills.</summary>
public sealed class TrialProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-launch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TrialLaunch Sh(string script, TimeSpan? timeout = null) => new()
    {
        Command = ["sh", "-c", script],
        WorkingDirectory = Path.Combine(_dir, "0"),
        Timeout = timeout,
        KillGrace = TimeSpan.FromSeconds(1),
        MetricsPollInterval = TimeSpan.FromMilliseconds(20),
        Environment = new Dictionary<string, string> { ["WNN_TEST_VALUE"] = "42" },
    };

    [Fact]
    public async Task Stdout_and_stderr_reach_the_run_log_and_the_exit_code_is_kept()
    {
        using TrialProcess p = TrialProcess.Start(Sh("echo out-$WNN_TEST_VALUE; echo err >&2; pwd; exit 3"));
        TrialExit exit = await p.Completion;
        Assert.Equal(TrialOutcome.Exited, exit.Outcome);
        Assert.Equal(3, exit.ExitCode);
        Assert.False(exit.Succeeded);
        string log = await File.ReadAllTextAsync(Path.Combine(_dir, "0", "run.log"));
        Assert.Contains("out-42\n", log, StringComparison.Ordinal);
        Assert.Contains("err\n", log, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "0"), log, StringComparison.Ordinal);
        Assert.Contains("out-42", exit.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_from_the_file_and_from_stdout_markers_arrive_in_order_and_garbage_is_ignored()
    {
        var seen = new ConcurrentQueue<MetricReport>();
        string script = "echo '{\"step\": 0, \"loss\": 1.5}' >> metrics.jsonl; echo 'not json'; echo '@wnn {\"step\": 1, \"loss\": 0.75, \"name\": \"x\"}';"
            + " echo '@wnn {broken'; echo '[1,2]' >> metrics.jsonl; echo '{\"step\": 2, \"loss\": 0.5}' >> metrics.jsonl";
        using TrialProcess p = TrialProcess.Start(Sh(script), seen.Enqueue);
        TrialExit exit = await p.Completion;
        Assert.True(exit.Succeeded);
        // Each channel keeps its order; the two channels interleave as their writes land.
        Assert.Equal([0, 1, 2], seen.Select(m => m.Step!.Value).Order());
        Assert.Equal([1.5, 0.75, 0.5], seen.OrderBy(m => m.Step).Select(m => m.Values["loss"]));
        Assert.True(seen.Select(m => m.Step).ToList().IndexOf(0) < seen.Select(m => m.Step).ToList().IndexOf(2));
        Assert.All(seen, m => Assert.Single(m.Values));
        string[] file = await File.ReadAllLinesAsync(Path.Combine(_dir, "0", MetricsProtocol.FileName));
        Assert.Equal(5, file.Length); // the marker payloads were appended, the broken one too (and ignored when read)
    }

    [Fact]
    public async Task A_time_limit_ends_the_whole_process_group_including_grandchildren_that_ignore_sigterm()
    {
        string pidFile = Path.Combine(_dir, "grandchild.pid");
        string script = $"(trap '' TERM; sleep 60) & echo $! > {pidFile}; trap '' TERM; sleep 60";
        var clock = Stopwatch.StartNew();
        using TrialProcess p = TrialProcess.Start(Sh(script, TimeSpan.FromMilliseconds(400)));
        TrialExit exit = await p.Completion;
        Assert.Equal(TrialOutcome.TimedOut, exit.Outcome);
        Assert.Equal("timeout", exit.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.ToString());
        int grandchild = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(200);
        Assert.False(Directory.Exists($"/proc/{grandchild}") && !File.ReadAllText($"/proc/{grandchild}/stat").Contains(") Z ", StringComparison.Ordinal),
            $"grandchild {grandchild} still alive");
    }

    [Fact]
    public async Task Stop_sends_sigterm_first_so_a_well_behaved_trial_can_clean_up()
    {
        using TrialProcess p = TrialProcess.Start(Sh("trap 'echo got-term; exit 7' TERM; echo ready; while true; do sleep 0.05; done"));
        string log = Path.Combine(_dir, "0", "run.log");
        await WaitUntil(() => File.Exists(log) && File.ReadAllText(log).Contains("ready", StringComparison.Ordinal));
        p.Stop("pruned");
        TrialExit exit = await p.Completion;
        Assert.Equal(TrialOutcome.Stopped, exit.Outcome);
        Assert.Equal("pruned", exit.Reason);
        Assert.Equal(7, exit.ExitCode);
        Assert.Contains("got-term", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trial_writing_100_megabytes_is_logged_completely()
    {
        using TrialProcess p = TrialProcess.Start(Sh("head -c 104857600 /dev/zero | tr '\\0' 'a'; echo; echo '@wnn {\"acc\": 0.9}'"));
        TrialExit exit = await p.Completion;
        Assert.True(exit.Succeeded, exit.LogTail);
        Assert.Equal(104857600 + 1 + 18, new FileInfo(Path.Combine(_dir, "0", "run.log")).Length);
        Assert.Equal("{\"acc\": 0.9}\n", await File.ReadAllTextAsync(Path.Combine(_dir, "0", MetricsProtocol.FileName)));
    }

    [Fact]
    public async Task A_missing_executable_is_a_start_failure_not_an_exception()
    {
        using TrialProcess p = TrialProcess.Start(new TrialLaunch { Command = ["/nonexistent/wnn-no-such-tool"], WorkingDirectory = _dir });
        TrialExit exit = await p.Completion;
        Assert.NotEqual(0, exit.ExitCode ?? -1);
        Assert.False(exit.Succeeded);
    }

    [Fact]
    public async Task The_local_launcher_runs_at_most_max_parallel_trials_at_once()
    {
        using var launcher = new LocalLauncher(2);
        string marks = Path.Combine(_dir, "marks");
        Directory.CreateDirectory(marks);
        Task<TrialExit>[] runs = [.. Enumerable.Range(0, 6).Select(i => launcher.RunAsync(new TrialLaunch
        {
            Command = ["sh", "-c", $"n=$(ls {marks} | wc -l); touch {marks}/{i}; echo $n; sleep 0.2; rm {marks}/{i}"],
            WorkingDirectory = Path.Combine(_dir, i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }, null, CancellationToken.None))];
        TrialExit[] exits = await Task.WhenAll(runs);
        Assert.All(exits, e => Assert.True(e.Succeeded));
        int[] concurrent = [.. Enumerable.Range(0, 6).Select(i => int.Parse(File.ReadAllText(Path.Combine(_dir, i.ToString(System.Globalization.CultureInfo.InvariantCulture), "run.log")).Trim(), System.Globalization.CultureInfo.InvariantCulture))];
        Assert.All(concurrent, c => Assert.InRange(c, 0, 1));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "condition not reached in 20 s");
            await Task.Delay(20);
        }
    }
}
