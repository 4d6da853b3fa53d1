using System.Text.Json;

namespace Wnn.Cli.Tests;

/// <summary>`wnn study …` on a SQLite file, through the real program.</summary>
public sealed class StudyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-study-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => Path.Combine(_dir, "studies.db");

    private WnnProcess.Result Wnn(params string[] args) => WnnProcess.Run(_dir, ["study", .. args]);

    private JsonElement Json(params string[] args)
    {
        WnnProcess.Result r = Wnn([.. args, "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public void Create_optimize_best_trials_importance_and_delete_work_on_one_sqlite_file()
    {
        Assert.Equal(0, Wnn("create", "--storage", Db, "--study", "s").ExitCode);
        WnnProcess.Result first = Wnn("optimize", "--storage", Db, "--study", "s", "--objective", "sphere", "--dims", "3", "--sampler", "random", "--seed", "1", "--trials", "12", "--plain");
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("12/12 trials", first.Stdout, StringComparison.Ordinal);
        JsonElement second = Json("optimize", "--storage", Db, "--study", "s", "--objective", "sphere", "--dims", "3", "--sampler", "tpe", "--seed", "2", "--trials", "8");
        Assert.Equal(20, second.GetProperty("trials").GetInt32());

        JsonElement trials = Json("trials", "--storage", Db, "--study", "s");
        Assert.Equal(20, trials.GetArrayLength());
        Assert.All(trials.EnumerateArray(), t => Assert.Equal("complete", t.GetProperty("state").GetString()));
        double min = trials.EnumerateArray().Min(t => t.GetProperty("values")[0].GetDouble());

        JsonElement best = Json("best", "--storage", Db, "--study", "s");
        Assert.Equal(min, best.GetProperty("values")[0].GetDouble());
        Assert.Equal(3, best.GetProperty("params").EnumerateObject().Count());
        Assert.Equal(second.GetProperty("best_value").GetDouble(), min);

        JsonElement show = Json("show", "--storage", Db, "--study", "s");
        Assert.Equal(20, show.GetProperty("states").GetProperty("complete").GetInt32());
        Assert.Equal(min, show.GetProperty("best_value").GetDouble());

        JsonElement importance = Json("importance", "--storage", Db, "--study", "s");
        Assert.Equal(["x0", "x1", "x2"], importance.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(1.0, importance.EnumerateObject().Sum(p => p.Value.GetProperty("importance").GetDouble()), 6);

        Assert.Single(Json("list", "--storage", Db).EnumerateArray());
        Assert.Equal(0, Wnn("delete", "--storage", Db, "--study", "s").ExitCode);
        Assert.Equal(0, Json("list", "--storage", Db).GetArrayLength());
    }

    [Fact]
    public void Trials_csv_has_one_column_per_value_and_parameter_with_the_values_of_the_json()
    {
        WnnProcess.Result run = Wnn("optimize", "--storage", Db, "--study", "c", "--objective", "sphere", "--dims", "2", "--sampler", "random", "--seed", "4", "--trials", "3", "--plain");
        Assert.True(run.ExitCode == 0, run.Stderr);
        WnnProcess.Result csv = Wnn("trials", "--storage", Db, "--study", "c", "--csv");
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        string[] lines = csv.Stdout.Trim().Split('\n');
        Assert.Equal("number,state,value_0,x0,x1,seconds", lines[0]);
        JsonElement trials = Json("trials", "--storage", Db, "--study", "c");
        Assert.Equal(4, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            JsonElement t = trials[i];
            Assert.Equal((t.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), "complete"), (cells[0], cells[1]));
            Assert.Equal(t.GetProperty("values")[0].GetDouble(), double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Optimize_without_storage_runs_in_memory_and_trials_of_a_state_can_be_listed()
    {
        JsonElement result = Json("optimize", "--objective", "branin", "--sampler", "qmc", "--seed", "3", "--trials", "16");
        Assert.Equal(16, result.GetProperty("complete_trials").GetInt32());
        Assert.Equal("branin", result.GetProperty("study").GetString());
        Assert.Equal(0, Wnn("create", "--storage", Db, "--study", "m", "--direction", "minimize,maximize").ExitCode);
        Assert.Equal(0, Json("trials", "--storage", Db, "--study", "m", "--state", "complete").GetArrayLength());
    }

    [Theory]
    [InlineData("error: no study named 'nope'", "best", "--storage", "{db}", "--study", "nope")]
    [InlineData("error: no study named 'nope'", "delete", "--storage", "{db}", "--study", "nope")]
    [InlineData("Unknown sampler 'bogus'", "optimize", "--objective", "sphere", "--sampler", "bogus")]
    [InlineData("Unknown objective", "optimize", "--objective", "moon")]
    [InlineData("--trials must be positive, got 0", "optimize", "--objective", "sphere", "--trials", "0")]
    [InlineData("--heartbeat must be a positive number of seconds", "optimize", "--objective", "sphere", "--heartbeat", "-1")]
    [InlineData("--trial-delay must not be negative", "optimize", "--objective", "sphere", "--trial-delay", "-5")]
    [InlineData("error: --direction: 'sideways' is not a direction", "create", "--storage", "{db}", "--study", "x", "--direction", "sideways")]
    [InlineData("--state: 'done' is not a trial state", "trials", "--storage", "{db}", "--study", "s", "--state", "done")]
    [InlineData("has no complete trial yet", "best", "--storage", "{db}", "--study", "s")]
    public void Bad_input_is_one_error_line_and_exit_code_2(string expected, params string[] args)
    {
        Assert.Equal(0, Wnn("create", "--storage", Db, "--study", "s").ExitCode);
        WnnProcess.Result r = Wnn([.. args.Select(a => a == "{db}" ? Db : a)]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Creating_a_study_twice_or_with_other_directions_is_refused()
    {
        Assert.Equal(0, Wnn("create", "--storage", Db, "--study", "s").ExitCode);
        WnnProcess.Result again = Wnn("create", "--storage", Db, "--study", "s");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
        WnnProcess.Result other = Wnn("optimize", "--storage", Db, "--study", "s", "--objective", "zdt1", "--sampler", "nsga2", "--trials", "2");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("has directions", other.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ram_language_model_objective_tunes_the_model_on_real_data()
    {
        JsonElement result = Json(["optimize", "--objective", "ram-lm", "--storage", Db, "--sampler", "random", "--seed", "4", "--trials", "2", "--threads", "2",
            .. WnnProcess.WikiText(4_000, 800)]);
        Assert.Equal(2, result.GetProperty("complete_trials").GetInt32());
        JsonElement best = result.GetProperty("best");
        Assert.Equal(["context", "empty_value", "score_scale", "tier0_bits", "tier0_neurons"], best.GetProperty("params").EnumerateObject().Select(p => p.Name).Order());
        double ce = result.GetProperty("best_value").GetDouble();
        Assert.InRange(ce, 1.0, 20.0);
        Assert.True(best.GetProperty("user_attrs").GetProperty("accuracy").GetDouble() >= 0);
    }
    [Fact]
    public void The_ram_language_model_objective_fits_tau_per_trial_and_matches_wnn_eval()
    {
        JsonElement result = Json(["optimize", "--objective", "ram-lm", "--storage", Db, "--sampler", "random", "--seed", "4", "--trials", "1", "--threads", "2",
            "--score-scale", "auto", "--output-bias", "log_prior", "--prior-alpha", "0.5", .. WnnProcess.WikiText(4_000, 800)]);
        JsonElement best = result.GetProperty("best");
        JsonElement p = best.GetProperty("params");
        Assert.Equal(["context", "empty_value", "tier0_bits", "tier0_neurons"], p.EnumerateObject().Select(x => x.Name).Order());
        double tau = best.GetProperty("user_attrs").GetProperty("score_scale").GetDouble();
        Assert.InRange(tau, 0.05, 30);
        IFormatProvider inv = System.Globalization.CultureInfo.InvariantCulture;
        // The same genome through `wnn eval`: same τ (fitted on training tokens only) and the same CE.
        WnnProcess.Result eval = WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(4_000, 800), "--json", "--seed", "4", "--threads", "2",
            "--tier-config", string.Create(inv, $"100,{p.GetProperty("tier0_neurons").GetInt32()},{p.GetProperty("tier0_bits").GetInt32()};400,10,12;rest,5,8"),
            "--context", p.GetProperty("context").GetInt32().ToString(inv), "--empty-value", p.GetProperty("empty_value").GetDouble().ToString("R", inv),
            "--score-scale", "auto", "--output-bias", "log_prior", "--prior-alpha", "0.5"]);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        JsonElement e = JsonDocument.Parse(eval.Stdout).RootElement;
        Assert.Equal(e.GetProperty("score_scale_fit").GetProperty("score_scale").GetDouble(), tau, 12);
        Assert.Equal(e.GetProperty("ce").GetDouble(), result.GetProperty("best_value").GetDouble(), 12);
    }

    [Fact]
    public void The_ram_language_model_objective_takes_a_fixed_tau_and_refuses_bad_model_options()
    {
        JsonElement result = Json(["optimize", "--objective", "ram-lm", "--storage", Db, "--sampler", "random", "--seed", "4", "--trials", "1", "--threads", "2",
            "--score-scale", "2", .. WnnProcess.WikiText(4_000, 800)]);
        Assert.False(result.GetProperty("best").GetProperty("params").TryGetProperty("score_scale", out _));
        foreach ((string flag, string value, string message) in new[]
        {
            ("--score-scale", "fast", "--score-scale:"),
            ("--score-scale", "-1", "--score-scale:"),
            ("--output-bias", "uniform", "output bias 'uniform' is unknown; allowed none, log_prior"),
            ("--prior-alpha", "0", "prior"),
        })
        {
            WnnProcess.Result bad = Wnn(["optimize", "--objective", "ram-lm", "--trials", "1", flag, value, .. WnnProcess.WikiText(4_000, 800)]);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains(message, bad.Stderr, StringComparison.OrdinalIgnoreCase);
            Assert.Single(bad.Stderr.Trim().Split('\n'));
        }
    }
}
