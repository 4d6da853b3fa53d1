using System.Text.Json;
using Wnn.Tracking.MLflow.Tests;

namespace Wnn.Cli.Tests;

/// <summary>The PR quick sweep (once per class: scripts/ci/quick-sweep.sh over examples/sweeps/bayesian_config.yaml).</summary>
public sealed class QuickSweepRun : IDisposable
{
    public QuickSweepRun()
    {
        Result = CiScripts.Run("quick-sweep.sh", Dir, null, Out);
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("wnn-ci-quick-").FullName;

    public string Out => Path.Combine(Dir, "quick");

    internal WnnProcess.Result Result { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>
/// The sweep steps of the workflows run end to end as the workflows run them: the PR quick sweep and its report, the
/// regression check against the committed baseline (passing, and failing against a planted better baseline), and the
/// nightly sweep with and without an MLflow tracking server (a loopback server that enforces MLflow's REST protocol).
/// </summary>
public sealed class CiSweepScriptTests(QuickSweepRun quick) : IClassFixture<QuickSweepRun>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-ci-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Baseline(string name) => Path.Combine(WnnProcess.RepoRoot, ".ci", "baselines", name + ".json");

    private string Write(string name, string json)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static WnnProcess.Result Check(string current, string baseline) =>
        CiScripts.Run("check-regression.sh", WnnProcess.RepoRoot, null, current, baseline);

    [Fact]
    public void The_quick_sweep_writes_the_html_report_and_its_best_trial_equals_the_committed_baseline()
    {
        Assert.True(quick.Result.ExitCode == 0, quick.Result.Stderr + quick.Result.Stdout);
        string report = File.ReadAllText(Path.Combine(quick.Out, "report", "report.html"));
        Assert.Contains("<html", report, StringComparison.Ordinal);
        Assert.Contains("val_acc", report, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(quick.Out, "report", "figures"), "*.svg"));
        using JsonDocument best = JsonDocument.Parse(File.ReadAllText(Path.Combine(quick.Out, "best.json")));
        using JsonDocument baseline = JsonDocument.Parse(File.ReadAllText(Baseline("quick-sweep")));
        Assert.Equal("val_acc", best.RootElement.GetProperty("metric").GetString());
        Assert.Equal("maximize", best.RootElement.GetProperty("direction").GetString());
        Assert.Equal(12, best.RootElement.GetProperty("budget").GetInt32());
        // The sweep is deterministic (seeded TPE, one trial at a time, a deterministic trainer): exactly the baseline.
        Assert.Equal(baseline.RootElement.GetProperty("value").GetDouble(), best.RootElement.GetProperty("value").GetDouble());
        Assert.Equal(12, SweepFixture.Trials(Path.Combine(quick.Out, "sweep", "sweep.db"), "sweep").Count);
    }

    [Fact]
    public void The_regression_check_passes_against_the_committed_baseline_and_fails_against_a_better_one()
    {
        Assert.True(quick.Result.ExitCode == 0, quick.Result.Stderr);
        string current = Path.Combine(quick.Out, "best.json");
        WnnProcess.Result ok = Check(current, Baseline("quick-sweep"));
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Contains("check-regression: best val_acc 0.868477 is within 0.005 of the baseline 0.868477: ok", ok.Stdout, StringComparison.Ordinal);

        // A planted baseline the sweep no longer reaches: what a change that makes the sweep find worse configs looks like.
        string planted = Write("planted.json", """{"metric": "val_acc", "direction": "maximize", "value": 0.9, "budget": 12, "tolerance": 0.01}""");
        WnnProcess.Result worse = Check(current, planted);
        Assert.Equal(1, worse.ExitCode);
        Assert.Contains($"check-regression: REGRESSION: best val_acc 0.868477 is worse than the baseline 0.9 by more than 0.01 (limit 0.89; {planted})", worse.Stderr, StringComparison.Ordinal);

        // Within the tolerance below the baseline still passes.
        string close = Write("close.json", """{"metric": "val_acc", "direction": "maximize", "value": 0.87, "budget": 12, "tolerance": 0.005}""");
        Assert.Equal(0, Check(current, close).ExitCode);
    }

    [Theory]
    [InlineData(0.41, 0)]
    [InlineData(0.5, 1)]
    [InlineData(0.3, 0)]
    public void For_a_minimized_metric_higher_is_worse(double value, int exitCode)
    {
        string current = Write("current.json", $$"""{"metric": "val_loss", "direction": "minimize", "value": {{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "budget": 5}""");
        string baseline = Write("baseline.json", """{"metric": "val_loss", "direction": "minimize", "value": 0.4, "budget": 5, "tolerance": 0.05}""");
        WnnProcess.Result r = Check(current, baseline);
        Assert.True(r.ExitCode == exitCode, r.Stderr + r.Stdout);
    }

    [Theory]
    [InlineData("""{"metric": "val_loss", "direction": "maximize", "value": 0.9, "budget": 12, "tolerance": 0.01}""", "refusing to compare: metric is \"val_acc\" in")]
    [InlineData("""{"metric": "val_acc", "direction": "maximize", "value": 0.9, "budget": 30, "tolerance": 0.01}""", "refusing to compare: budget is 12 in")]
    [InlineData("""{"metric": "val_acc", "direction": "maximize", "value": 0.9, "budget": 12}""", "has no tolerance (expected \"tolerance\": a number >= 0)")]
    [InlineData("""{"metric": "val_acc", "direction": "up", "value": 0.9}""", "is not a best-metric record")]
    [InlineData("{", "is not a best-metric record")]
    public void A_baseline_that_is_not_like_for_like_or_unreadable_is_refused_with_exit_2(string json, string message)
    {
        string current = Write("current.json", """{"metric": "val_acc", "direction": "maximize", "value": 0.86, "budget": 12}""");
        WnnProcess.Result r = Check(current, Write("baseline.json", json));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("check-regression.sh: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_quick_sweep_refuses_an_existing_sweep_and_a_bad_budget_before_running()
    {
        WnnProcess.Result again = CiScripts.Run("quick-sweep.sh", _dir, null, quick.Out);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists; give a new OUT_DIR", again.Stderr, StringComparison.Ordinal);
        WnnProcess.Result budget = CiScripts.Run("quick-sweep.sh", _dir, new Dictionary<string, string?> { ["SWEEP_TRIALS"] = "0" }, Path.Combine(_dir, "q"));
        Assert.Equal(2, budget.ExitCode);
        Assert.Contains("SWEEP_TRIALS must be a whole number of at least 1, got '0'", budget.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "q")));
    }

    [Fact]
    public void The_nightly_sweep_without_a_tracking_uri_skips_mlflow_with_one_line_and_its_budget_is_not_the_baselines()
    {
        string out_ = Path.Combine(_dir, "nightly");
        WnnProcess.Result r = CiScripts.Run("nightly-sweep.sh", _dir, new Dictionary<string, string?> { ["SWEEP_TRIALS"] = "3", ["MLFLOW_TRACKING_URI"] = "" }, out_);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.StartsWith("nightly-sweep: MLFLOW_TRACKING_URI is not set; skipping MLflow", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MLflow tracking", r.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(out_, "report", "report.html")));
        // The committed nightly baseline is for the full 30 trials: a 3-trial run is refused, not compared.
        WnnProcess.Result check = Check(Path.Combine(out_, "best.json"), Baseline("nightly-sweep"));
        Assert.Equal(2, check.ExitCode);
        Assert.Contains("refusing to compare: budget is 3 in", check.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nightly_sweep_logs_every_trial_to_mlflow_when_the_tracking_uri_is_set()
    {
        using var server = new MlflowProtocolServer();
        WnnProcess.Result r = CiScripts.Run("nightly-sweep.sh", _dir,
            new Dictionary<string, string?> { ["SWEEP_TRIALS"] = "3", ["MLFLOW_TRACKING_URI"] = server.Uri.ToString().TrimEnd('/') }, Path.Combine(_dir, "nightly"));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("nightly-sweep: every trial logged to MLflow", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Uri.Authority, r.Stdout, StringComparison.Ordinal);
        Assert.Empty(server.Refusals);
        Assert.Equal(3, server.Runs.Count);
        Assert.Equal(["bayesian_sweep"], server.Experiments.Keys);
        Assert.All(server.Runs.Values, run => Assert.Contains(run.Metrics, m => m.Key == "val_acc"));
    }

    [Fact]
    public void The_nightly_sweep_fails_after_writing_its_report_when_mlflow_cannot_be_reached()
    {
        string out_ = Path.Combine(_dir, "nightly");
        string uri = $"http://127.0.0.1:{MlflowProtocolServer.FreePort()}";
        WnnProcess.Result r = CiScripts.Run("nightly-sweep.sh", _dir, new Dictionary<string, string?> { ["SWEEP_TRIALS"] = "2", ["MLFLOW_TRACKING_URI"] = uri }, out_);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("nightly-sweep: some trials were not logged to MLflow", r.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(out_, "report", "report.html")));
        Assert.True(File.Exists(Path.Combine(out_, "best.json")));
    }
}
