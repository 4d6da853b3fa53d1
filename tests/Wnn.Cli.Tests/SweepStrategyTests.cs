using System.Globalization;
using Wnn.Search;

namespace Wnn.Cli.Tests;

/// <summary>
/// The strategy section with real trial processes (python3 scripts printing their metrics): progressive expansion, budget-aware
/// Hyperband, multi-objective with the launcher's trial_seconds and ensemble selection; each planned job list is asserted,
/// and a controller SIGKILLed mid-way resumes to exactly the jobs of an uninterrupted run.
/// </summary>
public sealed class SweepStrategyTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly SweepFixture _f = new();

    public void Dispose() => _f.Dispose();

    // loss = (log10 lr + 2.5)² + 0.1 (layers − 4)² + 0.3 [act = tanh]: best at lr = 10^-2.5, layers = 4, relu.
    private string ProgressiveConfig(string extra = "")
    {
        string script = _f.Write("prog.py", """
            import sys, json, math
            a = dict(x.split('=', 1) for x in sys.argv[1:])
            loss = (math.log10(float(a['lr'])) + 2.5) ** 2 + 0.1 * (int(a['layers']) - 4) ** 2 + (0.3 if a['act'] == 'tanh' else 0.0)
            print('@wnn ' + json.dumps({'val_loss': loss}))
            """);
        return _f.Write("prog.yaml", $$"""
            experiment:
              command: ["{{Python}}", "{{script}}"]
            parameters:
              lr: {type: float, low: 0.0001, high: 0.1, log: true}
              layers: {type: int, low: 1, high: 5}
              act: [relu, tanh]
            strategy:
              type: progressive
              points: 3
              rounds: 2
              top_k: 2
            {{extra}}
            execution: {max_parallel: 1, heartbeat: 0.3, kill_grace: 0.5}
            optimization: {target_metric: val_loss}
            """);
    }

    private static string Lr(FrozenTrial t) => Convert.ToDouble(t.Params["lr"], CultureInfo.InvariantCulture).ToString("G6", CultureInfo.InvariantCulture);

    private static string Config(FrozenTrial t) => string.Join(" ", t.Params.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + Convert.ToString(kv.Value, CultureInfo.InvariantCulture)));

    /// <summary>Each job's config and strategy attributes, from its last attempt, in job order.</summary>
    private static List<string> Jobs(IReadOnlyList<FrozenTrial> trials, params string[] attributes) =>
        [.. trials.GroupBy(SweepFixture.Job).OrderBy(g => g.Key).Select(g => g.MaxBy(t => t.Number)!)
            .Select(t => $"{SweepFixture.Job(t)} {Config(t)} {string.Join(" ", attributes.Select(a => a + "=" + Convert.ToString(t.UserAttributes.GetValueOrDefault(a), CultureInfo.InvariantCulture)))} {t.State}")];

    [Fact]
    public void Progressive_expansion_runs_the_coarse_grid_then_finer_grids_around_the_best_two()
    {
        WnnProcess.Result r = _f.Run("sweep", "run", ProgressiveConfig(), "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        List<FrozenTrial> last = [.. _f.Trials().GroupBy(SweepFixture.Job).Select(g => g.MaxBy(t => t.Number)!).OrderBy(SweepFixture.Job)];
        Assert.All(last, t => Assert.Equal(TrialState.Complete, t.State));
        int Round(FrozenTrial t) => Convert.ToInt32(t.UserAttributes["round"], CultureInfo.InvariantCulture);
        Assert.Equal([18, 10, 6], last.GroupBy(Round).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(Enumerable.Range(0, 34), last.Select(SweepFixture.Job));

        // Round 0: 3 values per numeric parameter (log-spaced lr, ends included), both choices; the last key varies fastest.
        List<FrozenTrial> coarse = [.. last.Where(t => Round(t) == 0)];
        Assert.Equal(["0.0001", "0.00316228", "0.1"], coarse.Select(Lr).Distinct());
        Assert.Equal([1, 3, 5], coarse.Select(t => Convert.ToInt32(t.Params["layers"], CultureInfo.InvariantCulture)).Distinct());
        Assert.Equal("act=tanh layers=3 lr=0.0001", Config(coarse[3]));

        // Round 1 around jobs 8 (lr 10^-2.5, layers 3, relu) and 10 (layers 5), both at loss 0.1: unit spacing 0.25, relu kept.
        Assert.Equal([
            "0.000562341 2", "0.000562341 3", "0.000562341 4", "0.00316228 2", "0.00316228 4", "0.0177828 2", "0.0177828 3", "0.0177828 4",
            "0.000562341 5", "0.0177828 5"],
            last.Where(t => Round(t) == 1).Select(t => Lr(t) + " " + t.Params["layers"]));
        Assert.All(last.Where(t => Round(t) > 0), t => Assert.Equal("relu", t.Params["act"]));

        // Round 2 around job 22 (layers 4, loss ≈ 0) and job 8: spacing 0.125; layers 4 ± 0.5 rounds (to even) to 3 and 5.
        Assert.Equal([
            "0.00133352 3", "0.00133352 4", "0.00133352 5", "0.00749894 3", "0.00749894 4", "0.00749894 5"],
            last.Where(t => Round(t) == 2).Select(t => Lr(t) + " " + t.Params["layers"]).Order(StringComparer.Ordinal));
        Assert.Contains("progressive round 1 of 2: 10 new jobs around the best 2", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_progressive_sweep_killed_mid_way_resumes_to_the_same_jobs_as_an_uninterrupted_one()
    {
        string config = ProgressiveConfig();
        Assert.Equal(0, _f.Run("sweep", "run", config, "--sweep-dir", Path.Combine(_f.Dir, "whole"), "--plain").ExitCode);
        List<string> whole = Jobs(SweepFixture.Trials(Path.Combine(_f.Dir, "whole", "sweep.db"), "whole"), "round");

        using WnnProcess.Running run = _f.Start("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        SweepFixture.WaitFor(() => _f.Trials().Any(t => t.State == TrialState.Complete && Convert.ToInt32(t.UserAttributes.GetValueOrDefault("round") ?? 0, CultureInfo.InvariantCulture) == 1) ? "r1" : null, TimeSpan.FromSeconds(120));
        run.Process.Kill(entireProcessTree: false);
        run.Process.WaitForExit();
        Assert.True(_f.Trials().Count < 34);
        WnnProcess.Result resumed = _f.Run("sweep", "resume", _f.SweepDir, "--plain");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);
        Assert.Equal(whole, Jobs(_f.Trials(), "round"));
    }

    // loss = (x − 0.3)² + 1 / epochs; the trial echoes the budget it was given.
    private string BudgetConfig(string total, string sleep = "0")
    {
        string script = _f.Write("budget.py", $$"""
            import sys, json, time
            a = dict(x.split('=', 1) for x in sys.argv[1:])
            time.sleep({{sleep}})
            e = int(a['epochs'])
            print('@wnn ' + json.dumps({'val_loss': (float(a['x']) - 0.3) ** 2 + 1.0 / e, 'epochs_run': e}))
            """);
        return _f.Write("budget.yaml", $$"""
            sweep_type: bayesian
            experiment:
              command: ["{{Python}}", "{{script}}"]
            parameters:
              x: {type: float, low: 0.0, high: 1.0}
            strategy: {type: budget, budget_key: epochs, min_budget: 1, max_budget: 9, eta: 3, allocation: hyperband, {{total}}}
            execution: {max_parallel: 2, heartbeat: 0.3, kill_grace: 0.5}
            optimization: {target_metric: val_loss, seed: 7}
            """);
    }

    [Fact]
    public void Hyperband_runs_its_brackets_promotes_the_best_third_and_stops_at_the_trial_budget()
    {
        WnnProcess.Result r = _f.Run("sweep", "run", BudgetConfig("total_trials: 20"), "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        List<FrozenTrial> last = [.. _f.Trials().GroupBy(SweepFixture.Job).Select(g => g.MaxBy(t => t.Number)!).OrderBy(SweepFixture.Job)];
        string Place(FrozenTrial t) => $"{t.UserAttributes["bracket"]}/{t.UserAttributes["rung"]}/{t.UserAttributes["budget"]}";

        // s_max = 2: bracket s = 2 starts 9 configs at 1 epoch (3 go on at 3, 1 at 9), s = 1 starts 5 at 3 (1 at 9), s = 0 starts 3
        // at 9, cut to 1 by total_trials 20.
        Assert.Equal([.. Enumerable.Repeat("0/0/1", 9), .. Enumerable.Repeat("0/1/3", 3), "0/2/9", .. Enumerable.Repeat("1/0/3", 5), "1/1/9", "2/0/9"], last.Select(Place));
        Assert.All(last, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(last, t => Assert.Equal(Convert.ToDouble(t.UserAttributes["budget"], CultureInfo.InvariantCulture), ((IReadOnlyDictionary<string, object?>)t.UserAttributes["metrics"]!)["epochs_run"]));

        // Promotions continue the best configs of the rung before (same x), and say where they came from.
        double X(FrozenTrial t) => Convert.ToDouble(t.Params["x"], CultureInfo.InvariantCulture);
        List<FrozenTrial> rung0 = [.. last.Take(9).OrderBy(t => t.Values![0])];
        Assert.Equal(rung0.Take(3).Select(X), last.Skip(9).Take(3).Select(X));
        Assert.Equal(rung0.Take(3).Select(SweepFixture.Job), last.Skip(9).Take(3).Select(t => Convert.ToInt32(t.UserAttributes["promoted_from"], CultureInfo.InvariantCulture)));
        Assert.Equal(last.Skip(9).Take(3).MinBy(t => t.Values![0])!.Params["x"], last[12].Params["x"]);
        Assert.Equal(20, last.Select(X).Count());
        Assert.Equal(9 + 5 + 1, last.Select(X).Distinct().Count()); // new configs: 9 + 5 + 1, promotions repeat theirs
    }

    [Fact]
    public void A_budget_sweep_killed_mid_way_continues_the_same_brackets_on_resume()
    {
        string config = BudgetConfig("total_trials: 16", sleep: "0.15");
        Assert.Equal(0, _f.Run("sweep", "run", config, "--sweep-dir", Path.Combine(_f.Dir, "whole"), "--plain").ExitCode);
        List<string> whole = Jobs(SweepFixture.Trials(Path.Combine(_f.Dir, "whole", "sweep.db"), "whole"), "bracket", "rung", "budget", "promoted_from");
        Assert.Equal(16, whole.Count);

        using WnnProcess.Running run = _f.Start("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        SweepFixture.WaitFor(() => _f.Trials().Any(t => t.State == TrialState.Complete && Convert.ToInt32(t.UserAttributes["rung"], CultureInfo.InvariantCulture) == 1) ? "rung 1" : null, TimeSpan.FromSeconds(120));
        run.Process.Kill(entireProcessTree: false);
        run.Process.WaitForExit();
        WnnProcess.Result resumed = _f.Run("sweep", "resume", _f.SweepDir, "--plain");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);
        Assert.Equal(whole, Jobs(_f.Trials(), "bracket", "rung", "budget", "promoted_from"));
    }

    [Fact]
    public void A_trial_seconds_budget_stops_planning_once_the_finished_trials_used_it()
    {
        WnnProcess.Result r = _f.Run("sweep", "run", BudgetConfig("total_seconds: 1.0", sleep: "0.3"), "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal(9, trials.Count); // the first rung alone takes 9 × ≥ 0.3 s
        Assert.All(trials, t => Assert.True(Convert.ToDouble(t.UserAttributes["elapsed_s"], CultureInfo.InvariantCulture) >= 0.3));
    }

    [Fact]
    public void Multi_objective_sweeps_minimize_the_loss_and_the_launchers_trial_seconds_and_report_the_pareto_front()
    {
        string script = _f.Write("mo.py", """
            import sys, json, time
            a = dict(x.split('=', 1) for x in sys.argv[1:])
            x = float(a['x'])
            time.sleep(0.4 * x)
            print('@wnn ' + json.dumps({'val_loss': 1.0 - x}))
            """);
        string config = _f.Write("mo.yaml", $$"""
            sweep_type: bayesian
            experiment:
              command: ["{{Python}}", "{{script}}"]
            parameters:
              x: {type: float, low: 0.0, high: 1.0}
            strategy: {type: multi_objective, objectives: [trial_seconds], directions: [minimize]}
            execution: {max_parallel: 2, heartbeat: 0.3}
            optimization: {target_metric: val_loss, n_trials: 8, seed: 3}
            """);
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        IReadOnlyList<FrozenTrial> trials = _f.Trials();
        Assert.Equal(8, trials.Count(t => t.State == TrialState.Complete));
        foreach (FrozenTrial t in trials)
        {
            var metrics = (IReadOnlyDictionary<string, object?>)t.UserAttributes["metrics"]!;
            Assert.Equal(2, t.Values!.Count);
            Assert.Equal(Convert.ToDouble(metrics["trial_seconds"], CultureInfo.InvariantCulture), t.Values[1]);
            Assert.Equal(Convert.ToDouble(t.UserAttributes["elapsed_s"], CultureInfo.InvariantCulture), t.Values[1]);
        }

        // The front by hand: trials no other trial beats or equals in both objectives with one strictly better.
        List<int> front = [.. trials.Where(a => !trials.Any(b => b.Values![0] <= a.Values![0] && b.Values[1] <= a.Values[1] && (b.Values[0] < a.Values[0] || b.Values[1] < a.Values[1])))
            .Select(t => t.Number).Order()];
        Assert.Contains($"Pareto front (val_loss vs trial_seconds): {front.Count} of 8 complete trials", r.Stdout, StringComparison.Ordinal);
        WnnProcess.Result report = _f.Run("report", _f.SweepDir);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("objectives: val_loss (minimize), trial_seconds (minimize)", report.Stdout, StringComparison.Ordinal);
        Assert.Contains("trials on the front: " + string.Join(", ", front), report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ensemble_of_a_sweep_is_shown_in_its_summary_and_in_the_report()
    {
        WnnProcess.Result r = _f.Run("sweep", "run", ProgressiveConfig("  ensemble: {k: 3, top_fraction: 0.3}"), "--sweep-dir", _f.SweepDir, "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        // Pool: the best ⌈0.3 · 34⌉ = 11. First the best (job 22: lr 10^-2.5, layers 4), then the farthest in the normalized space.
        Assert.Contains("Ensemble: 3 of k = 3 diverse configs from the best 11 complete trials", r.Stdout, StringComparison.Ordinal);
        WnnProcess.Result report = _f.Run("report", _f.SweepDir);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("Ensemble (k = 3, from the best 11 complete trials)", report.Stdout, StringComparison.Ordinal);
        // Pool by loss: 22 (≈0), 8 and 10 (0.1), four at 0.140625 / 0.240625 … then jobs 9 and 11 (tanh, 0.4) as the 10th and 11th.
        // From 22 (lr unit 0.5, layers unit 0.75, relu), jobs 9 and 11 differ by act (1) and layers (0.25): √((0.0625 + 1)/3) = 0.595;
        // 9 wins the tie (better rank), then 11 is 0.289 from 9 (layers 0.5 apart), farther than any relu config is from 22.
        foreach (string text in new[] { r.Stdout, report.Stdout })
        {
            string flat = System.Text.RegularExpressions.Regex.Replace(text, " +", " ");
            Assert.Matches(@"\n22 22 \S+ - lr=0.00316228 layers=4 act=relu\n9 9 0.4 0.595 lr=0.00316228 layers=3 act=tanh\n11 11 0.4 0.289 lr=0.00316228 layers=5 act=tanh\n", flat);
        }
    }

    [Theory]
    [InlineData("strategy: {type: annealing}", "strategy.type: 'annealing' is not allowed; allowed: none, progressive, budget, multi_objective")]
    [InlineData("strategy: {type: budget, total_trials: 5}", "strategy.budget_key: missing; name the override key")]
    [InlineData("strategy: {type: budget, budget_key: epochs, allocation: asha, total_trials: 5}", "strategy.allocation: 'asha' is not allowed; allowed: hyperband, successive_halving")]
    [InlineData("strategy: {type: budget, budget_key: epochs}", "give exactly one total budget")]
    [InlineData("strategy: {type: progressive, eta: 3}", "strategy.eta: not a key of strategy type 'progressive'; its keys: rounds, points, top_k, ensemble")]
    [InlineData("strategy: {type: progressive, points: 1}", "strategy.points: expected an integer from 2 to 1000000, got 1")]
    [InlineData("strategy: {ensemble: {k: 3, top_fraction: 2}}", "strategy.ensemble.top_fraction: expected a number in (0, 1], got 2")]
    [InlineData("strategy: {type: multi_objective}", "strategy.objectives: missing; list the objectives after the target metric, e.g. objectives: [trial_seconds]")]
    [InlineData("strategy: {type: multi_objective, objectives: [trial_seconds], directions: [up]}", "strategy.directions: 'up' is not allowed; allowed: minimize, maximize")]
    [InlineData("strategy: {speed: 3}", "strategy.speed: unknown key; allowed: type, rounds")]
    public void A_bad_strategy_value_is_one_line_naming_the_key_and_what_is_accepted(string strategy, string expected)
    {
        string config = _f.Write("bad.yaml", $"experiment: {{command: [true]}}\nparameters: {{x: {{type: float, low: 0, high: 1}}}}\noptimization: {{target_metric: v}}\n{strategy}\n");
        WnnProcess.Result r = _f.Run("sweep", "run", config, "--sweep-dir", _f.SweepDir, "--plain");
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_f.SweepDir));
    }
}
