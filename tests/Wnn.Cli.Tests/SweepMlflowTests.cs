namespace Wnn.Cli.Tests;

/// <summary>MLflow tracking from the CLI into a real file store: `sweep quick --mlflow-uri file:…` and a sweep config's tracking.mlflow_uri.</summary>
public sealed class SweepMlflowTests : IDisposable
{
    private readonly SweepFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string[] Runs(string mlruns)
    {
        string experiment = Assert.Single(Directory.GetDirectories(mlruns).Select(Path.GetFileName), d => d is not ("0" or ".trash"))!;
        return [.. Directory.GetDirectories(Path.Combine(mlruns, experiment))];
    }

    [Fact]
    public void Sweep_quick_logs_every_trial_to_a_file_store_with_params_metrics_and_artifacts()
    {
        WnnProcess.Result r = _f.Run("sweep", "quick", "--trials", "3", "--seed", "1", "--sweep-dir", "sw", "--plain", "--mlflow-uri", "file:./mlruns");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain("warning", r.Stderr, StringComparison.Ordinal);
        string[] runs = Runs(Path.Combine(_f.Dir, "mlruns"));
        Assert.Equal(3, runs.Length);
        foreach (string run in runs)
        {
            Assert.Contains("status: 3\n", File.ReadAllText(Path.Combine(run, "meta.yaml")), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(run, "params", "lr")), run);
            Assert.NotEmpty(File.ReadAllLines(Path.Combine(run, "metrics", "val_acc")));
            Assert.Equal("complete", File.ReadAllText(Path.Combine(run, "tags", "wnn.state")));
            Assert.True(File.Exists(Path.Combine(run, "artifacts", "cfg.yaml")), run);
            Assert.True(File.Exists(Path.Combine(run, "artifacts", "run.log")), run);
        }

        WnnProcess.Result bad = _f.Run("sweep", "quick", "--trials", "1", "--sweep-dir", "sw2", "--mlflow-uri", "ftp://x/y");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--mlflow-uri: MLflow tracking URI 'ftp://x/y' is not accepted", bad.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_f.Dir, "sw2")));
    }

    [Fact]
    public void The_sweep_configs_tracking_key_logs_runs_and_a_bad_value_is_exit_2()
    {
        string script = _f.Write("job.sh", "echo \"@wnn {\\\"v\\\": 1}\"\n");
        string config = _f.Write("grid.yaml", $$"""
            experiment:
              command: ["sh", "{{script}}"]
              x: [1, 2]
            optimization: {target_metric: v}
            tracking: {mlflow_uri: "file:{{Path.Combine(_f.Dir, "tracked")}}"}
            """);
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        string[] runs = Runs(Path.Combine(_f.Dir, "tracked"));
        Assert.Equal(2, runs.Length);
        Assert.Equal(["1", "2"], runs.Select(d => File.ReadAllText(Path.Combine(d, "params", "x"))).Order(StringComparer.Ordinal));

        string wrong = _f.Write("wrong.yaml", $$"""
            experiment:
              command: ["sh", "{{script}}"]
              x: [1]
            tracking: {mlflow: "file:./x"}
            """);
        WnnProcess.Result bad = _f.Run("sweep", "run", wrong, "--sweep-dir", Path.Combine(_f.Dir, "w"), "--plain");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("tracking.mlflow: unknown key; allowed: mlflow_uri", bad.Stderr, StringComparison.Ordinal);
    }
}
