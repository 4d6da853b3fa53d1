namespace Wnn.Cli.Tests;

/// <summary>Bad sweep input: one line on stderr naming the problem, exit code 2, and no sweep started.</summary>
public sealed class SweepBadInputTests : IDisposable
{
    private readonly SweepFixture _f = new();

    public void Dispose() => _f.Dispose();

    private void Fails(string yaml, string expected, params string[] extra)
    {
        string config = _f.Write("bad.yaml", yaml);
        WnnProcess.Result r = _f.Run(["sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain", .. extra]);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_without_a_command_is_refused() =>
        Fails("parameters: {lr: [1, 2]}\n", "experiment.command: missing; give the trial command");

    [Fact]
    public void A_command_that_does_not_exist_is_refused_before_anything_runs()
    {
        Fails("experiment: {command: [wnn-no-such-tool-xyz, a]}\nparameters: {lr: [1, 2]}\n", "experiment.command: command 'wnn-no-such-tool-xyz' not found on PATH");
        Assert.False(Directory.Exists(_f.SweepDir));
    }

    [Fact]
    public void An_unknown_sampler_is_refused_naming_the_known_ones() =>
        Fails("experiment: {command: [true]}\nparameters: {lr: [1, 2]}\n", "--sampler: unknown sampler 'annealing'; known: random, tpe", "--sampler", "annealing");

    [Fact]
    public void An_invalid_distribution_is_refused_naming_the_parameter()
    {
        Fails("sweep_type: bayesian\nexperiment: {command: [true]}\nparameters: {lr: {type: float, low: 1.0, high: 0.1}}\n", "parameters.lr: ");
        Fails("sweep_type: bayesian\nexperiment: {command: [true]}\nparameters: {lr: {type: gaussian, low: 0, high: 1}}\n", "parameters.lr.type: 'gaussian' is not allowed; allowed: categorical, int, float");
        Fails("sweep_type: annealing\nexperiment: {command: [true]}\n", "sweep_type: 'annealing' is not allowed; allowed: grid, bayesian, random");
    }

    [Fact]
    public void A_metric_that_is_never_reported_ends_the_sweep_with_exit_code_2()
    {
        Fails("experiment: {command: [sh, -c, \"echo trained\"], x: [1, 2]}\noptimization: {target_metric: val_acc}\n", "target metric 'val_acc' was never reported by any trial");
        Assert.True(File.Exists(Path.Combine(_f.SweepDir, "0", "run.log")));
        Assert.All(_f.Trials(), t => Assert.StartsWith("metric 'val_acc' never reported (no metrics at all", SweepFixture.Reason(t), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nope=1", "Could not override 'nope'")]
    [InlineData("model=huge", "huge")]
    [InlineData("lr=[1,", "lr=[1,")]
    public void A_bad_override_of_a_hydra_config_is_refused_before_anything_runs(string bad, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_f.Dir, "model"));
        _f.Write(Path.Combine("model", "small.yaml"), "size: 1\n");
        _f.Write("hydra.yaml", "defaults: [{model: small}, _self_]\nlr: 0.1\nexperiment: {command: [true]}\nhydra: {sweeper: {params: {lr: '1,2'}}}\n");
        WnnProcess.Result r = _f.Run("sweep", "run", Path.Combine(_f.Dir, "hydra.yaml"), bad, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_f.SweepDir));
    }

    [Fact]
    public void Resuming_with_an_unknown_launcher_names_the_option_not_the_config()
    {
        string config = _f.Write("one.yaml", "experiment: {command: [sh, -c, \"echo '@wnn {\\\"v\\\": 1}'\"], x: [1]}\noptimization: {target_metric: v}\n");
        Assert.Equal(0, _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain").ExitCode);
        WnnProcess.Result r = _f.Run("sweep", "resume", _f.SweepDir, "--launcher", "pbs", "--plain");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --launcher: 'pbs' is not allowed; allowed: local, slurm", Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Resuming_something_that_is_not_a_sweep_is_refused()
    {
        WnnProcess.Result r = _f.Run("sweep", "resume", Path.Combine(_f.Dir, "nowhere"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no sweep '", Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
