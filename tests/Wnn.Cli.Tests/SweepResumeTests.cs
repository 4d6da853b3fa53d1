using System.Globalization;
using Wnn.Search;

namespace Wnn.Cli.Tests;

/// <summary>Resume after a SIGKILLed controller, and two controllers on one sweep, written once and run on SQLite and PostgreSQL.</summary>
public abstract class SweepResumeTests : IDisposable
{
    private readonly SweepFixture _f = new();

    /// <summary>The --storage value (null: the default sweep.db in the sweep dir).</summary>
    protected abstract string? Storage { get; }

    private string[] StorageArgs => Storage is null ? [] : ["--storage", Storage];

    public virtual void Dispose()
    {
        _f.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Config(int jobs, double seconds, double heartbeat = 0.3)
    {
        string script = _f.Write("job.sh", $"sleep {seconds.ToString(CultureInfo.InvariantCulture)}; echo \"@wnn {{\\\"v\\\": $$}}\"\n");
        return _f.Write("grid.yaml", $$"""
            experiment:
              command: ["sh", "{{script}}"]
              x: [{{string.Join(", ", Enumerable.Range(0, jobs))}}]
            execution: {max_parallel: 2, heartbeat: {{heartbeat.ToString(CultureInfo.InvariantCulture)}}, kill_grace: 0.5}
            optimization: {target_metric: v}
            """);
    }

    [Fact]
    public void A_sigkilled_controller_loses_no_completed_trial_and_resume_finishes_every_job_exactly_once()
    {
        string config = Config(jobs: 12, seconds: 0.4);
        using WnnProcess.Running run = _f.Start(["sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain", .. StorageArgs]);
        IReadOnlyList<FrozenTrial> beforeKill = SweepFixture.WaitFor(() =>
        {
            IReadOnlyList<FrozenTrial> t = _f.Trials(Storage);
            return t.Count(x => x.State == TrialState.Complete) >= 3 && t.Any(x => x.State == TrialState.Running) ? t : null;
        }, TimeSpan.FromSeconds(60));
        run.Process.Kill(entireProcessTree: false); // SIGKILL of the controller only: its trials are orphaned
        run.Process.WaitForExit();
        IReadOnlyList<FrozenTrial> atKill = _f.Trials(Storage);
        List<FrozenTrial> completedAtKill = [.. atKill.Where(t => t.State == TrialState.Complete)];
        Assert.True(completedAtKill.Count >= 3);

        WnnProcess.Result resumed = _f.Run(["sweep", "resume", _f.SweepDir, "--plain", .. StorageArgs]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);

        IReadOnlyList<FrozenTrial> trials = _f.Trials(Storage);
        List<FrozenTrial> complete = [.. trials.Where(t => t.State == TrialState.Complete)];
        Assert.Equal(Enumerable.Range(0, 12), complete.Select(SweepFixture.Job).Order());
        Assert.Equal(trials.Count, trials.Select(t => t.Number).Distinct().Count());
        foreach (FrozenTrial before in completedAtKill)
        {
            FrozenTrial after = trials.Single(t => t.Number == before.Number);
            Assert.Equal(TrialState.Complete, after.State);
            Assert.Equal(before.Completed, after.Completed); // never re-run
        }

        // The trials that were running when the controller died failed for their missing heartbeat and ran again under their job number.
        List<FrozenTrial> stale = [.. trials.Where(t => t.State == TrialState.Failed)];
        Assert.NotEmpty(stale);
        Assert.All(stale, t => Assert.StartsWith("no heartbeat since", (string)t.SystemAttributes[StorageAttributes.FailReason]!, StringComparison.Ordinal));
        Assert.Equal(12 + stale.Count, trials.Count);
        Assert.DoesNotContain(trials, t => t.State is TrialState.Running or TrialState.Waiting);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            Directory.GetDirectories(_f.SweepDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("12/12 jobs finished", resumed.Stdout, StringComparison.Ordinal);
        _ = beforeKill;
    }

    [Fact]
    public void Two_controllers_on_one_sweep_never_run_a_job_twice()
    {
        // A grace period (3 × heartbeat) well above the scheduling delays of a loaded 2-core machine: no live trial looks stale.
        string config = Config(jobs: 16, seconds: 0.8, heartbeat: 1.5);
        using WnnProcess.Running a = _f.Start(["sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain", .. StorageArgs]);
        SweepFixture.WaitFor(() => File.Exists(Path.Combine(_f.SweepDir, ".jobs-enqueued")) ? "ready" : null, TimeSpan.FromSeconds(60));
        using WnnProcess.Running b = _f.Start(["sweep", "work", _f.SweepDir, "--plain", .. StorageArgs]);
        WnnProcess.Result ra = a.Wait(TimeSpan.FromMinutes(2));
        WnnProcess.Result rb = b.Wait(TimeSpan.FromMinutes(2));
        Assert.True(ra.ExitCode == 0, ra.Stderr + ra.Stdout);
        Assert.True(rb.ExitCode == 0, rb.Stderr + rb.Stdout);
        IReadOnlyList<FrozenTrial> trials = _f.Trials(Storage);
        Assert.Equal(16, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(Enumerable.Range(0, 16), trials.Select(SweepFixture.Job).Order());
        var byWorker = trials.GroupBy(t => (string)t.UserAttributes["worker"]!).ToList();
        Assert.Equal(2, byWorker.Count);
        Assert.All(byWorker, g => Assert.True(g.Count() >= 2, $"{g.Key} ran only {g.Count()}"));
    }

    [Fact]
    public void Resume_refuses_a_changed_definition_naming_the_keys_that_differ()
    {
        string config = Config(jobs: 2, seconds: 0);
        Assert.Equal(0, _f.Run(["sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain", .. StorageArgs]).ExitCode);
        // Two jobs; on a loaded machine a job may also have a retried attempt (a missed heartbeat), so count what is there.
        int ran = _f.Trials(Storage).Count;
        Assert.Equal([0, 1], _f.Trials(Storage).Select(SweepFixture.Job).Distinct().Order());
        File.WriteAllText(config, File.ReadAllText(config).Replace("x: [0, 1]", "x: [0, 1, 2]", StringComparison.Ordinal));
        WnnProcess.Result r = _f.Run(["sweep", "resume", _f.SweepDir, "--plain", .. StorageArgs]);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("the definition changed", line, StringComparison.Ordinal);
        Assert.Contains("differing keys: jobs, parameters.x;", line, StringComparison.Ordinal);
        Assert.Contains("--new-sweep", line, StringComparison.Ordinal);
        Assert.Equal(ran, _f.Trials(Storage).Count); // nothing ran

        // --new-sweep: the changed definition runs as a new sweep next to the old one, which is left as it was.
        string before = File.ReadAllText(Path.Combine(_f.SweepDir, "sweep.yaml"));
        WnnProcess.Result fresh = _f.Run(["sweep", "resume", _f.SweepDir, "--new-sweep", "--plain", .. StorageArgs]);
        Assert.True(fresh.ExitCode == 0, fresh.Stderr + fresh.Stdout);
        string next = _f.SweepDir + "-2";
        Assert.Contains($"sweep dir: {next}", fresh.Stdout, StringComparison.Ordinal);
        IReadOnlyList<FrozenTrial> trials = SweepFixture.Trials(Storage ?? Path.Combine(next, "sweep.db"), "sweep-2");
        // Every job of the new definition ran to completion (a job may have a retried attempt on a loaded machine).
        Assert.Equal([0, 1, 2], trials.Select(SweepFixture.Job).Distinct().Order());
        Assert.All(trials.GroupBy(SweepFixture.Job), g => Assert.Equal(TrialState.Complete, g.MaxBy(t => t.Number)!.State));
        static string Why(FrozenTrial t) => SweepFixture.Reason(t) + (t.SystemAttributes.TryGetValue(StorageAttributes.FailReason, out object? r) ? " " + r : "");
        string described = string.Join("; ", trials.Select(t => $"job {SweepFixture.Job(t)} trial {t.Number} {t.State} {Why(t)}"));
        Assert.True(trials.Where(t => t.State != TrialState.Complete).All(t => Why(t).Contains("heartbeat", StringComparison.Ordinal)), described);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_f.SweepDir, "sweep.yaml")));
        Assert.Equal(ran, _f.Trials(Storage).Count);
        Assert.False(Directory.Exists(Path.Combine(_f.SweepDir, "2")));
    }
}

public sealed class SqliteSweepResumeTests : SweepResumeTests
{
    protected override string? Storage => null;
}

public sealed class PostgresSweepResumeTests : SweepResumeTests
{
    private readonly PostgresSchema _schema = new();

    protected override string? Storage => _schema.ConnectionString;

    public override void Dispose()
    {
        base.Dispose();
        _schema.Dispose();
    }
}
