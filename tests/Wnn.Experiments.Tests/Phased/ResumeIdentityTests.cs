using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

/// <summary>A resume runs with the checkpoint's configuration; explicit values that would change results are refused.</summary>
public sealed class ResumeIdentityTests
{
    private static PhasedRunResult Run(PhasedConfig config, PhasedRunOptions options, PhasedData? data = null) =>
        new PhasedRunner(config, data ?? Synthetic.Data(config), options).Run();

    [Fact]
    public void Resume_with_other_tokens_population_and_seed_is_refused_naming_each_key()
    {
        using var dir = new TempDir();
        PhasedConfig config = Synthetic.SmallConfig();
        Run(config, new() { CheckpointDirectory = dir.Path });
        PhasedConfig changed = config with { PopulationSize = 4, RotationSeed = 99 };
        var ex = Assert.Throws<ConfigException>(() => Run(changed, new() { CheckpointDirectory = dir.Path, ResumeFrom = "3a" }, Synthetic.Data(config)));
        Assert.Contains("resume from 3a", ex.Message, StringComparison.Ordinal);
        Assert.Contains("search.population (checkpoint 6, given 4)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("run.seed (checkpoint 7, given 99)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ts.iterations", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_over_other_training_tokens_is_refused()
    {
        using var dir = new TempDir();
        PhasedConfig config = Synthetic.SmallConfig();
        Run(config, new() { CheckpointDirectory = dir.Path });
        var ex = Assert.Throws<ConfigException>(() => Run(config, new() { CheckpointDirectory = dir.Path, ResumeFrom = "2a" }, Synthetic.Data(config, seed: 2)));
        Assert.Contains("tokens differ from the checkpoint's", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_not_given_come_from_the_checkpoint_and_safe_keys_given_are_applied_and_recorded()
    {
        using var dir = new TempDir();
        PhasedConfig config = Synthetic.SmallConfig();
        PhasedRunResult full = Run(config, new() { CheckpointDirectory = dir.Path });

        // As `wnn search --resume-from 3a --ts-iters 1` without the other flags: defaults for everything else.
        PhasedConfig requested = PhasedConfig.Default with { TsIterations = 1 };
        PhasedRunResult resumed = Run(requested, new()
        {
            CheckpointDirectory = dir.Path,
            ResumeFrom = "3a",
            ExplicitKeys = new HashSet<string> { "ts_iterations" },
        }, Synthetic.Data(config));

        Assert.Equal(full.Phases.Take(4), resumed.Phases.Take(4));
        // Checkpoint spacing is not recorded (it never changes results), so the resume uses the one asked for.
        Assert.Equal(config with { TsIterations = 1, RotationSeed = 7, CheckpointInterval = PhasedConfig.Default.CheckpointInterval }, resumed.Config);
        Assert.Equal(1, resumed.Phases[^1].Iterations);
        PhaseCheckpoint last = CheckpointStore.Load(dir.File("phase_3b_ts_connections.json.gz"));
        Assert.Equal("1", last.Config["ts.iterations"]);
        Assert.Equal(config.PopulationSize.ToString(System.Globalization.CultureInfo.InvariantCulture), last.Config["search.population"]);
        Assert.Equal(7UL, last.Seed);
    }

    [Fact]
    public void Resolve_lists_the_safe_changes_and_ignores_keys_not_given()
    {
        var values = new Dictionary<string, string?> { ["ga_generations"] = "3", ["train_tokens"] = "20000", ["patience"] = null };
        ResumedConfig plan = ResumeIdentity.Resolve(values, 5, PhasedConfig.Default with { GaGenerations = 8, TrainTokens = 10_000, Patience = 2 },
            new HashSet<string> { "ga_generations", "patience" }, "2a");
        Assert.Equal(["search.patience null -> 2", "ga.generations 3 -> 8"], plan.Applied); // schema order
        Assert.Equal(20_000, plan.Config.TrainTokens);
        Assert.Equal(5UL, plan.Config.RotationSeed);

        var ex = Assert.Throws<ConfigException>(() => ResumeIdentity.Resolve(values, 5, PhasedConfig.Default with { TrainTokens = 10_000 },
            new HashSet<string> { "train_tokens" }, "3a"));
        Assert.Contains("data.train_tokens (checkpoint 20000, given 10000)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_bias_prior_alpha_and_a_fitted_score_scale_are_part_of_a_resume_identity()
    {
        PhasedConfig calibrated = PhasedConfig.Default.WithOverrides(new Dictionary<string, string?>
        {
            ["model.output_bias"] = "log_prior", ["model.score_scale"] = "auto", ["prior_alpha"] = "0.5",
        });
        Assert.True(calibrated.ScoreScaleAuto);
        Assert.Equal(Wnn.Ram.Model.OutputBias.LogPrior, calibrated.ModelOptions.OutputBias);
        Assert.Equal(0.5, calibrated.ModelOptions.PriorAlpha);
        Dictionary<string, string?> values = CheckpointSerializer.ConfigValues(calibrated);
        Assert.Equal("auto", values["model.score_scale"]);
        Assert.Equal("log_prior", values["model.output_bias"]);
        HashSet<string> given = ["model.output_bias", "model.score_scale", "model.prior_alpha"];

        ResumedConfig same = ResumeIdentity.Resolve(values, 42, calibrated, given, "2a");
        Assert.True(same.Config.ScoreScaleAuto);
        Assert.Equal("log_prior", same.Config.OutputBias);

        PhasedConfig plain = PhasedConfig.Default with { ScoreScale = 2.0 };
        var ex = Assert.Throws<ConfigException>(() => ResumeIdentity.Resolve(values, 42, plain, given, "2a"));
        Assert.Contains("model.score_scale (checkpoint auto, given 2)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.output_bias (checkpoint log_prior, given none)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.prior_alpha (checkpoint 0.5, given 0.1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_score_scale_auto_writes_checkpoints_and_results_that_read_back_and_resume()
    {
        using var dir = new TempDir();
        PhasedConfig config = Synthetic.SmallConfig() with { ScoreScaleAuto = true, OutputBias = "log_prior" };
        PhasedRunResult first = Run(config, new() { CheckpointDirectory = dir.Path });
        string results = Path.Combine(dir.Path, "results.json");
        ResultsFile.Write(results, first);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(results)))
        {
            System.Text.Json.JsonElement root = json.RootElement;
            Assert.Equal("auto", root.GetProperty("config").GetProperty("model.score_scale").GetString());
            Assert.Equal("log_prior", root.GetProperty("config").GetProperty("model.output_bias").GetString());
            Assert.True(root.GetProperty("ngram_baselines").GetProperty("unigram").GetProperty("ce").GetDouble() > 0);
        }

        PhasedRunResult resumed = Run(config, new() { CheckpointDirectory = dir.Path, ResumeFrom = "3a", ExplicitKeys = new HashSet<string> { "model.score_scale" } });
        Assert.True(resumed.Config.ScoreScaleAuto);
        Assert.Equal(first.Final.CrossEntropy, resumed.Final.CrossEntropy);
    }

    [Fact]
    public void Every_key_has_a_resume_rule_and_only_budget_keys_are_safe()
    {
        string[] budget = [.. PhasedConfig.Keys.Where(k => k.Definition.Resume == ResumeRule.Budget).Select(k => k.Name)];
        Assert.Equal(["search.patience", "search.check_interval", "ga.generations", "ga.min_improvement_pct", "ts.iterations", "ts.min_improvement_pct"], budget);
        string[] safe = [.. PhasedConfig.Keys.Where(k => k.Definition.Resume == ResumeRule.Safe).Select(k => k.Name)];
        Assert.Equal(["run.threads", "data.dir", "checkpoint.interval"], safe);
        Assert.All(PhasedConfig.Keys, k => Assert.Equal(k.Definition.Resume == ResumeRule.Identity, k.AffectsResults));
    }
}
