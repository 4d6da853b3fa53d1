using System.Globalization;
using Wnn.Search;

namespace Wnn.Cli.Tests;

/// <summary>The reproducibility record in sweep.yaml and `wnn sweep rerun` with real Python trial processes.</summary>
public sealed class SweepRerunTests : IDisposable
{
    private readonly SweepFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>A seeded trial: loss = lr · Random(seed).random() (+ the number in drift.txt when that file exists).</summary>
    private string Sweep()
    {
        string script = _f.Write("train.py", """
            import json, os, random, sys
            args = dict(a.split("=", 1) for a in sys.argv[1:])
            drift_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drift.txt")
            drift = float(open(drift_file).read()) if os.path.exists(drift_file) else 0.0
            loss = float(args["lr"]) * random.Random(int(args["seed"])).random() + drift
            print("run dir", os.environ["WNN_RUN_DIR"], "cwd", os.getcwd())
            print("@wnn " + json.dumps({"loss": loss}))
            """);
        string config = _f.Write("rerun.yaml", $$"""
            experiment:
              command: ["/usr/bin/python3", "{{script}}"]
              seed: 7
            parameters:
              lr: [0.1, 0.2]
            optimization:
              target_metric: loss
            """);
        WnnProcess.Result r = Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        return config;
    }

    private WnnProcess.Result Run(params string[] args) => _f.Run(args);

    [Fact]
    public void Sweep_yaml_records_the_wnn_commit_config_hash_seeds_and_the_commands_version()
    {
        string config = Sweep();
        Dictionary<string, object?> doc = Wnn.Experiments.Sweeps.ConfigTree.Load(Path.Combine(_f.SweepDir, "sweep.yaml"));
        var record = Assert.IsType<Dictionary<string, object?>>(doc["reproducibility"]);
        Assert.Matches("^[0-9a-f]{40}$", (string)record["wnn_commit"]!); // the tests are built from a git checkout
        Assert.EndsWith("+" + (string)record["wnn_commit"]!, (string)record["wnn_version"]!, StringComparison.Ordinal);
        Assert.Equal(doc["identity"], record["config_hash"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(config))), record["config_file_sha256"]);
        var seeds = Assert.IsType<Dictionary<string, object?>>(record["seeds"]);
        Assert.Equal("7", seeds["seed"]);
        Assert.Matches(@"^Python 3\.\d+\.\d+$", (string)record["command_version"]!); // /usr/bin/python3 --version
        Assert.Contains("lr=0.2", File.ReadAllText(Path.Combine(_f.SweepDir, "1", "trial.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Rerun_of_a_trial_reproduces_its_metric_exactly_in_a_fresh_run_directory()
    {
        Sweep();
        FrozenTrial trial = _f.Trials().Single(t => SweepFixture.Job(t) == 1);
        WnnProcess.Result r = Run("sweep", "rerun", _f.SweepDir, "--trial", trial.Number.ToString(CultureInfo.InvariantCulture));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        string recorded = trial.Value!.Value.ToString("R", CultureInfo.InvariantCulture);
        Assert.Contains($"recorded loss = {recorded}", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"loss = {recorded} (exit code 0", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("reproduced: the metric matches exactly", r.Stdout, StringComparison.Ordinal);
        string fresh = Path.Combine(_f.SweepDir, "reruns", $"trial-{trial.Number}-1");
        Assert.Equal(File.ReadAllText(Path.Combine(_f.SweepDir, "1", "cfg.yaml")), File.ReadAllText(Path.Combine(fresh, "cfg.yaml")));
        Assert.Contains($"run dir {fresh} cwd {fresh}", File.ReadAllText(Path.Combine(fresh, "run.log")), StringComparison.Ordinal);
        Assert.Equal(0.2 * 0.32383276483316237, trial.Value!.Value, 15); // Python's random.Random(7).random()

        WnnProcess.Result again = Run("sweep", "rerun", _f.SweepDir, "--trial", trial.Number.ToString(CultureInfo.InvariantCulture));
        Assert.True(again.ExitCode == 0, again.Stderr + again.Stdout);
        Assert.Contains(Path.Combine("reruns", $"trial-{trial.Number}-2"), again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rerun_whose_metric_moved_fails_unless_within_the_tolerance()
    {
        Sweep();
        _f.Write("drift.txt", "0.001");
        WnnProcess.Result r = Run("sweep", "rerun", _f.SweepDir, "--trial", "0");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("NOT reproduced: the metric does not match exactly", r.Stdout, StringComparison.Ordinal);
        WnnProcess.Result tolerant = Run("sweep", "rerun", _f.SweepDir, "--trial", "0", "--tolerance", "0.01");
        Assert.True(tolerant.ExitCode == 0, tolerant.Stderr + tolerant.Stdout);
        Assert.Contains("reproduced: the metric matches within 0.01", tolerant.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_trial_or_a_missing_sweep_is_one_line_and_exit_2()
    {
        Sweep();
        WnnProcess.Result unknown = Run("sweep", "rerun", _f.SweepDir, "--trial", "9");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: sweep sweep has no trial 9 (trials 0..1)", unknown.Stderr.Trim());
        WnnProcess.Result missing = Run("sweep", "rerun", Path.Combine(_f.Dir, "nowhere"), "--trial", "0");
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: no sweep '", missing.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(missing.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_f.SweepDir, "reruns")));
    }
}
