using System.Globalization;
using Wnn.Search;

namespace Wnn.Cli.Tests;

/// <summary>`wnn sweep run` with real trial processes and files: the seed-004 layout, a pruned Bayesian sweep, failure modes, study commands on a sweep.</summary>
public sealed class SweepRunTests : IDisposable
{
    private static readonly string Examples = Path.Combine(WnnProcess.RepoRoot, "examples", "sweeps");
    private readonly SweepFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_hydra_grid_of_nine_composes_each_job_from_its_group_option_and_leaves_the_seed_004_layout_file_by_file()
    {
        // No --sweep-dir: seed 004's default, outputs/experiments/exp_<one timestamp>_<name> under the working directory.
        WnnProcess.Result r = _f.Run("sweep", "run", Path.Combine(Examples, "compare_globals_heads.yaml"), "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        string sweepDir = Assert.Single(Directory.GetDirectories(Path.Combine(_f.Dir, "outputs", "experiments")));
        Assert.Matches(@"^exp_\d{8}-\d{6}_compare_globals_heads$", Path.GetFileName(sweepDir));
        Assert.Contains(sweepDir, r.Stdout, StringComparison.Ordinal); // the summary says where the sweep is
        string[] betas = ["0", "1", "10"];
        string[] latents = ["none", "linear", "vq"];
        for (int job = 0; job < 9; job++)
        {
            string dir = Path.Combine(sweepDir, job.ToString(CultureInfo.InvariantCulture));
            string beta = betas[job / 3], latent = latents[job % 3];
            Assert.Equal(
                [$"- phase1.trainer.globals_beta={beta}", $"- phase1/latent_space={latent}", "- phase1.trainer.epochs=20"],
                File.ReadAllLines(Path.Combine(dir, "overrides.yaml")));
            string cfg = File.ReadAllText(Path.Combine(dir, "cfg.yaml"));
            // The group option's own file is composed in (vq brings its codebook), and the overrides are applied.
            string option = File.ReadAllText(Path.Combine(Examples, "phase1", "latent_space", latent + ".yaml"));
            string group = string.Concat(option.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => "    " + l + "\n"));
            Assert.Contains("phase1:\n  latent_space:\n" + group + "  trainer:\n    epochs: 20\n    lr: 0.001\n    globals_beta: " + beta + "\n", cfg, StringComparison.Ordinal);
            Assert.Contains("  name: compare_globals_heads\n", cfg, StringComparison.Ordinal);
            Assert.DoesNotContain("hydra", cfg, StringComparison.Ordinal);
            Assert.DoesNotContain("command", cfg, StringComparison.Ordinal);
            Assert.DoesNotContain("max_parallel", cfg, StringComparison.Ordinal);
            Assert.StartsWith($"phase1: latent_space={latent} globals_beta={beta}.0 epochs=20 config={dir}/cfg.yaml", File.ReadAllText(Path.Combine(dir, "run.log")), StringComparison.Ordinal);
            Assert.Equal(20, File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Length);
            Assert.True(File.Exists(Path.Combine(dir, "model.pt")));
            Assert.True(File.Exists(Path.Combine(dir, "facts", "best.json")));
            Assert.True(File.Exists(Path.Combine(dir, "figures", "loss.svg")));
        }

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8"],
            Directory.GetDirectories(sweepDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // multirun.yaml as Hydra's sweeper saves it: the composed config with its hydra node, interpolations as written.
        string multirun = File.ReadAllText(Path.Combine(sweepDir, "multirun.yaml"));
        Assert.Contains("hydra:\n  mode: MULTIRUN\n", multirun, StringComparison.Ordinal);
        Assert.Contains("    dir: ${env.output_root}/experiments/exp_${now:%Y%m%d-%H%M%S}_${experiment.name}\n    subdir: ${hydra.job.num}\n", multirun, StringComparison.Ordinal);
        Assert.Contains("    params:\n      phase1.trainer.globals_beta: 0,1,10\n      phase1/latent_space: none,linear,vq\n", multirun, StringComparison.Ordinal);
        Assert.Contains("    choices:\n      phase1/latent_space: linear\n", multirun, StringComparison.Ordinal);
        string definition = File.ReadAllText(Path.Combine(sweepDir, "sweep.yaml"));
        Assert.Matches("(?m)^identity: [0-9a-f]{16}$", definition);
        Assert.Contains("form: hydra\n", definition, StringComparison.Ordinal);

        string storage = Path.Combine(sweepDir, "sweep.db");
        IReadOnlyList<FrozenTrial> trials = SweepFixture.Trials(storage, Path.GetFileName(sweepDir));
        Assert.Equal(9, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(Enumerable.Range(0, 9), trials.Select(SweepFixture.Job));
        FrozenTrial best = trials.MinBy(t => t.Value)!;
        Assert.Equal(0, SweepFixture.Job(best)); // beta 0, no bottleneck: the lowest total loss of the stub
        Assert.Equal("none", best.Params["phase1/latent_space"]);
        Assert.Equal(0L, Convert.ToInt64(best.Params["phase1.trainer.globals_beta"], CultureInfo.InvariantCulture));

        WnnProcess.Result study = _f.Run("study", "best", "--storage", storage, "--study", Path.GetFileName(sweepDir), "--json");
        Assert.True(study.ExitCode == 0, study.Stderr);
        Assert.Contains("\"number\": 0", study.Stdout.Replace("\":0", "\": 0", StringComparison.Ordinal), StringComparison.Ordinal);
        WnnProcess.Result listed = _f.Run("study", "trials", "--storage", storage, "--study", Path.GetFileName(sweepDir));
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Contains("phase1/latent_space=vq", listed.Stdout, StringComparison.Ordinal);
        WnnProcess.Result importance = _f.Run("study", "importance", "--storage", storage, "--study", Path.GetFileName(sweepDir));
        Assert.True(importance.ExitCode == 0, importance.Stderr);
        Assert.Contains("phase1.trainer.globals_beta", importance.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quick_sweep_resumes_like_any_sweep_and_keeps_the_budget_exact()
    {
        WnnProcess.Result first = _f.Run("sweep", "quick", "--trials", "2", "--seed", "3", "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        Assert.Contains("source: \"builtin:quick\"\n", File.ReadAllText(Path.Combine(_f.SweepDir, "sweep.yaml")), StringComparison.Ordinal);
        WnnProcess.Result resumed = _f.Run("sweep", "resume", _f.SweepDir, "--trials", "4", "--plain");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);
        Assert.Contains("4/4 jobs finished", resumed.Stdout, StringComparison.Ordinal);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal([0, 1, 2, 3], trials.Select(SweepFixture.Job).Order());
        Assert.All(trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, t.State.ToString()));
        Assert.All(trials, t => Assert.InRange(Convert.ToDouble(t.Params["lr"], CultureInfo.InvariantCulture), 0.01, 3));
        Assert.True(File.Exists(Path.Combine(_f.SweepDir, "3", "cfg.yaml")));
    }

    [Fact]
    public void A_bayesian_sweep_of_30_runs_exactly_30_jobs_and_the_median_pruner_prunes_some()
    {
        string config = _f.Write("bayes.yaml", $$"""
            sweep_type: bayesian
            experiment:
              command: ["python3", "{{Path.Combine(Examples, "train.py")}}"]
              epochs: 8
              epoch_seconds: 0.06
            parameters:
              lr: {type: float, low: 1e-5, high: 1e-1, log: true}
              hidden_dim: {type: int, low: 32, high: 512, log: true}
              num_layers: {type: categorical, choices: [4, 8, 16]}
            execution:
              max_parallel: 3
            optimization:
              target_metric: val_acc
              direction: maximize
              sampler: TPE
              pruner: {type: median, n_startup_trials: 3}
              n_trials: 30
              seed: 3
            """);
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal(30, trials.Count);
        Assert.Equal(Enumerable.Range(0, 30), trials.Select(SweepFixture.Job).Order());
        int pruned = trials.Count(t => t.State == TrialState.Pruned);
        int complete = trials.Count(t => t.State == TrialState.Complete);
        Assert.True(pruned > 0, "no trial was pruned");
        Assert.True(complete >= 3, $"only {complete} complete");
        Assert.Equal(30, pruned + complete);
        Assert.All(trials.Where(t => t.State == TrialState.Pruned), t =>
        {
            Assert.StartsWith("pruned at step", SweepFixture.Reason(t), StringComparison.Ordinal);
            Assert.Equal(t.IntermediateValues[t.LastStep!.Value], t.Value);
        });
        // Pruning ends the process: most pruned trials never reached the last epoch.
        Assert.Contains(trials, t => t.State == TrialState.Pruned && t.IntermediateValues.Count < 8);
        Assert.All(trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal(8, t.IntermediateValues.Count));
        Assert.All(trials, t => Assert.InRange((double)t.Params["lr"]!, 1e-5, 1e-1));
        Assert.Contains("30/30 jobs finished", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Hanging_failing_garbage_and_huge_trials_are_recorded_with_their_reasons()
    {
        string script = _f.Write("modes.sh", """
            case "$1" in
              mode=hang) trap '' TERM; echo hanging; sleep 60 ;;
              mode=fail) echo "loading"; echo "boom: bad value" >&2; exit 3 ;;
              mode=garbage) head -c 3000 /dev/urandom; echo; echo '{not json'; echo '[1,2,3]'; echo '@wnn {"acc": oops}'; echo '@wnn {"acc": 0.5}' ;;
              mode=big) head -c 104857600 /dev/zero | tr '\0' 'x'; echo; echo '@wnn {"acc": 0.7}' ;;
              mode=nometric) echo '@wnn {"loss": 1.0}' ;;
            esac
            """);
        string config = _f.Write("modes.yaml", $$"""
            experiment:
              command: ["sh", "{{script}}"]
            parameters:
              mode: [hang, fail, garbage, big, nometric]
            execution:
              max_parallel: 3
              timeout_per_trial: 15  # well above the 100 MB job on a loaded machine (6 s was too short at load 60)
              kill_grace: 0.5
            optimization:
              target_metric: acc
              direction: maximize
            """);
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Dictionary<string, FrozenTrial> byMode = _f.Trials().ToDictionary(t => (string)t.Params["mode"]!);
        Assert.Equal(TrialState.Failed, byMode["hang"].State);
        Assert.Equal("timeout", SweepFixture.Reason(byMode["hang"]));
        Assert.Equal(TrialState.Failed, byMode["fail"].State);
        Assert.StartsWith("exit code 3", SweepFixture.Reason(byMode["fail"]), StringComparison.Ordinal);
        Assert.Contains("boom: bad value", SweepFixture.Reason(byMode["fail"]), StringComparison.Ordinal);
        Assert.Equal(TrialState.Complete, byMode["garbage"].State);
        Assert.Equal(0.5, byMode["garbage"].Value);
        Assert.Equal(TrialState.Complete, byMode["big"].State);
        Assert.Equal(0.7, byMode["big"].Value);
        Assert.True(new FileInfo(Path.Combine(_f.SweepDir, "3", "run.log")).Length > 104857600);
        Assert.Equal(TrialState.Failed, byMode["nometric"].State);
        Assert.StartsWith("metric 'acc' never reported (reported: loss", SweepFixture.Reason(byMode["nometric"]), StringComparison.Ordinal);
        Assert.Contains("job 0 failed (timeout)", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_job_is_retried_up_to_max_failures_and_keeps_its_number_and_directory()
    {
        string script = _f.Write("flaky.sh", """
            n=$(cat "$WNN_RUN_DIR/count" 2>/dev/null || echo 0); echo $((n+1)) > "$WNN_RUN_DIR/count"
            [ "$n" -ge 2 ] && echo '@wnn {"v": 1}' && exit 0
            exit 1
            """);
        string config = _f.Write("flaky.yaml", $$"""
            experiment: {command: ["sh", "{{script}}"], x: [1]}
            execution: {max_failures: 2}
            optimization: {target_metric: v}
            """);
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal([TrialState.Failed, TrialState.Failed, TrialState.Complete], trials.Select(t => t.State));
        Assert.All(trials, t => Assert.Equal(0, SweepFixture.Job(t)));
        Assert.Equal([1, 2, 3], trials.Select(t => Convert.ToInt32(t.UserAttributes["attempt"], CultureInfo.InvariantCulture)));
        Assert.Equal("3", File.ReadAllText(Path.Combine(_f.SweepDir, "0", "count")).Trim());
    }

    [Fact]
    public void Fail_fast_stops_the_sweep_with_exit_code_1_and_leaves_the_rest_for_resume()
    {
        string config = _f.Write("ff.yaml", """
            experiment: {command: ["sh", "-c", "case $0 in x=0) exit 4;; *) sleep 0.2; echo '@wnn {\"v\": 1}';; esac"], x: [0, 1, 2, 3, 4, 5]}
            execution: {on_failure: fail-fast}
            optimization: {target_metric: v}
            """);
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("fail-fast: job 0 failed (exit code 4", r.Stdout, StringComparison.Ordinal);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal(TrialState.Failed, trials.Single(t => SweepFixture.Job(t) == 0).State);
        Assert.Equal(5, trials.Count(t => t.State == TrialState.Waiting));
    }
}
