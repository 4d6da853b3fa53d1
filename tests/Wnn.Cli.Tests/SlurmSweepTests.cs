using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wnn.Search;

namespace Wnn.Cli.Tests;

/// <summary>Sweeps through the real single-node Slurm that scripts/slurm-prereqs.sh starts; they fail (never skip) when it cannot start.</summary>
[Collection(SlurmNode.Collection)]
public sealed class SlurmSweepTests : IDisposable
{
    private readonly SweepFixture _f = new();

    public SlurmSweepTests() => SlurmNode.Ensure();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Six_trials_run_as_one_job_array_with_at_most_two_at_once()
    {
        // The config chooses Slurm and its options; --slurm overrides one of them.
        string config = _f.Write("par.yaml", """
            experiment: {command: ["sh", "-c", "date +%s.%N > start; sleep 1.5; echo \"@wnn {\\\"v\\\": ${0#x=}}\"; date +%s.%N > end"], x: [0, 1, 2, 3, 4, 5]}
            optimization: {target_metric: v}
            execution: {launcher: slurm}
            slurm: {array_parallelism: 3, partition: debug}
            """);
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain", "--slurm", "array_parallelism=2");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal(6, trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal([0.0, 1, 2, 3, 4, 5], trials.OrderBy(SweepFixture.Job).Select(t => t.Value!.Value));
        var spans = new List<(double Start, double End)>();
        for (int job = 0; job < 6; job++)
        {
            string run = Path.Combine(_f.SweepDir, job.ToString(CultureInfo.InvariantCulture));
            spans.Add((Read(Path.Combine(run, "start")), Read(Path.Combine(run, "end"))));
            Assert.Contains("@wnn", File.ReadAllText(Path.Combine(run, "run.log")), StringComparison.Ordinal);
        }

        int most = spans.Max(s => spans.Count(o => o.Start < s.End && s.Start < o.End));
        Assert.True(most <= 2, $"{most} trials overlapped");
        Assert.True(most == 2, "array_parallelism 2 on 2 CPUs should run two at once");
        string[] scripts = Directory.GetFiles(Path.Combine(_f.SweepDir, ".slurm"), "job.sh", SearchOption.AllDirectories);
        Assert.Single(scripts);
        Assert.Contains("#SBATCH --array=0-5%2", File.ReadAllText(scripts[0]), StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=debug", File.ReadAllText(scripts[0]), StringComparison.Ordinal);
        Assert.Empty(SlurmNode.Queue("wnn-sweep"));
    }

    [Fact]
    public void A_task_cancelled_by_someone_else_is_run_again_and_a_time_limit_fails_with_timeout()
    {
        string once = Path.Combine(_f.Dir, "once");
        string config = _f.Write("cx.yaml", $$"""
            experiment: {command: ["sh", "-c", "case $0 in x=0) sleep 2;; x=1) if [ -f {{once}} ]; then sleep 1; else touch {{once}}; exec sleep 300; fi;; x=2) sleep 300;; esac; echo '@wnn {\"v\": 1}'"], x: [0, 1, 2]}
            optimization: {target_metric: v}
            """);
        using WnnProcess.Running sweep = _f.Start("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain", "--launcher", "slurm", "--slurm", "timeout_min=1");
        // Job 1 is cancelled behind the sweep's back once it runs: its trial must be submitted again and complete.
        string record = Path.Combine(_f.SweepDir, ".slurm", "tasks", "job-1.json");
        string task = SweepFixture.WaitFor(() => File.Exists(once) && File.Exists(record)
            ? JsonDocument.Parse(File.ReadAllBytes(record)).RootElement.GetProperty("task_id").GetString() : null, TimeSpan.FromSeconds(60));
        SlurmNode.Run("scancel", task);
        WnnProcess.Result r = sweep.Wait(TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal(TrialState.Complete, trials.Single(t => SweepFixture.Job(t) == 0).State);
        Assert.Equal(TrialState.Complete, trials.Single(t => SweepFixture.Job(t) == 1).State);
        Assert.Contains("vanished", File.ReadAllText(Path.Combine(_f.SweepDir, "1", "run.log")), StringComparison.Ordinal);
        FrozenTrial limited = trials.Single(t => SweepFixture.Job(t) == 2);
        Assert.Equal(TrialState.Failed, limited.State);
        Assert.StartsWith("timeout", SweepFixture.Reason(limited), StringComparison.Ordinal);
        Assert.Empty(SlurmNode.Queue("wnn-sweep"));
    }

    [Fact]
    public void Stopping_a_sweep_cancels_its_jobs_and_resume_runs_them()
    {
        string go = Path.Combine(_f.Dir, "go");
        string config = _f.Write("stop.yaml", $$"""
            experiment: {command: ["sh", "-c", "if [ -f {{go}} ]; then echo '@wnn {\"v\": 2}'; else sleep 300; fi"], x: [0, 1]}
            optimization: {target_metric: v}
            """);
        using WnnProcess.Running sweep = _f.Start("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain", "--launcher", "slurm");
        SweepFixture.WaitFor(() => SlurmNode.Queue("wnn-sweep").Any(l => l.EndsWith("RUNNING", StringComparison.Ordinal)) ? "" : null, TimeSpan.FromSeconds(60));
        Assert.Equal(0, _f.Run("sweep", "stop", _f.SweepDir).ExitCode);
        WnnProcess.Result r = sweep.Wait(TimeSpan.FromMinutes(1));
        Assert.Equal(130, r.ExitCode);
        Assert.Empty(SlurmNode.Queue("wnn-sweep"));
        File.WriteAllText(go, "");
        WnnProcess.Result resumed = _f.Run("sweep", "resume", _f.SweepDir, "--plain");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Equal(2, _f.Trials().Count(t => t.State == TrialState.Complete));
    }

    [Fact]
    public void Stop_cancels_the_jobs_of_a_dead_controller_and_resume_runs_their_trials()
    {
        string go = Path.Combine(_f.Dir, "go");
        string config = _f.Write("dead.yaml", $$"""
            experiment: {command: ["sh", "-c", "if [ -f {{go}} ]; then echo '@wnn {\"v\": 3}'; else exec sleep 300; fi"], x: [0, 1]}
            optimization: {target_metric: v}
            execution: {launcher: slurm, heartbeat: 0.5}
            """);
        using (WnnProcess.Running sweep = _f.Start("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain"))
        {
            SweepFixture.WaitFor(() => SlurmNode.Queue("wnn-sweep").Count(l => l.EndsWith("RUNNING", StringComparison.Ordinal)) == 2 ? "" : null, TimeSpan.FromSeconds(60));
            sweep.KillHard();
        }

        // The jobs outlive their controller; stop finds them from the task records once the trials' heartbeats go stale.
        Assert.Equal(2, SlurmNode.Queue("wnn-sweep").Length);
        WnnProcess.Result stop = _f.Run("sweep", "stop", _f.SweepDir);
        Assert.True(stop.ExitCode == 0, stop.Stdout + stop.Stderr);
        Assert.Contains("cancelled 2 Slurm task(s)", stop.Stdout, StringComparison.Ordinal);
        Assert.Empty(SlurmNode.Queue("wnn-sweep"));
        Assert.DoesNotContain(_f.Trials(), t => t.State == TrialState.Running);
        File.WriteAllText(go, "");
        WnnProcess.Result resumed = _f.Run("sweep", "resume", _f.SweepDir, "--plain");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Equal([0, 1], _f.Trials().Where(t => t.State == TrialState.Complete).Select(SweepFixture.Job).Order());
    }

    private static double Read(string path) => double.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
}

/// <summary>The single-node Slurm of scripts/slurm-prereqs.sh, started once per test run; a failure fails the test with the script's reason.</summary>
internal static class SlurmNode
{
    /// <summary>The Slurm tests share one 2-CPU node, so they run one after another.</summary>
    public const string Collection = "slurm node";

    private static readonly Lazy<string?> Started = new(() =>
    {
        (int code, string output) = Exec(Path.Combine(WnnProcess.RepoRoot, "scripts", "slurm-prereqs.sh"));
        return code == 0 ? null : $"scripts/slurm-prereqs.sh failed (exit {code}): {output}";
    });

    public static void Ensure()
    {
        if (Started.Value is string error)
        {
            throw new InvalidOperationException(error);
        }
    }

    /// <summary>squeue lines "id name state" of the jobs whose name starts with <paramref name="prefix"/>.</summary>
    public static string[] Queue(string prefix) =>
        [.. Run("squeue", "-h", "-r", "-o", "%i %j %T").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Split(' ')[1].StartsWith(prefix, StringComparison.Ordinal))];

    public static string Run(string tool, params string[] args)
    {
        (int code, string output) = Exec(tool, args);
        return code == 0 ? output : throw new InvalidOperationException($"{tool} {string.Join(' ', args)}: exit {code}: {output}");
    }

    private static (int Code, string Output) Exec(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }
}
