using System.Text.Json;
using Wnn.Experiments.Config;
using Wnn.Experiments.Objectives.Transformer;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

/// <summary>HPO configs read as study sweeps of the real trainer; one real sweep of two tiny trainings.</summary>
public sealed class ArchitecturalSweepTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Configs(string name) => Path.Combine(TorchCounter.RepoRoot, "configs", "hpo", name);

    private SweepReadOptions Options(string sub) => new() { SweepDir = _dir.File(sub), Now = new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero) };

    private string TinyConfig(string name, string budget, int trials = 2)
    {
        string path = _dir.File(name);
        File.WriteAllText(path,
            $"study_name: tiny\nbudget: {budget}\nn_trials: {trials}\ndirection: minimize\ntrainer: {TorchCounter.Script}\npython: {TorchPython.Resolve()}\n" +
            "fixed: {data_len: 500, threads: 1}\noptimization: {seed: 5}\nexecution: {timeout_per_trial: 300}\ntraining_search_space:\n" +
            "  learning_rate: {type: log_uniform, low: 1.0e-4, high: 1.0e-3}\n  epochs: {type: categorical, choices: [2]}\n" +
            "  batch_size: {type: categorical, choices: [256]}\n  warmup_steps: {type: categorical, choices: [1]}\n");
        return path;
    }

    [Fact]
    public void A_generated_config_reads_as_a_study_sweep_over_the_budgets_architecture_list()
    {
        SweepDefinition d = SweepConfigReader.Read(Configs("generated/hpo_200K_h1.yaml"), [], Options("s"));
        Assert.Equal(ArchitecturalSweepReader.Form, d.Form);
        Assert.Equal(SweepKind.Study, d.Kind);
        Assert.EndsWith("examples/hpo/patchtst_train.py", d.Command[^1], StringComparison.Ordinal);
        Assert.Equal(["arch_idx", "learning_rate", "epochs", "batch_size", "weight_decay", "warmup_steps"], d.Parameters.Select(p => p.Name));
        Assert.Equal("val_loss", d.Optimization.TargetMetric);
        Assert.Equal("median", d.Optimization.Pruner);
        Assert.Equal(50, d.JobCount);
        SweepParameter table = d.Parameters[0];
        IReadOnlyList<SizedArchitecture> expected = ArchitectureGrid.ForBudget(ParamBudget.Parse("200K"), TransformerModelKind.PatchTst);
        Assert.Equal(expected.Count, table.Rows!.Count);
        Assert.Equal(new CategoricalDistribution(Enumerable.Range(0, expected.Count).Select(i => (object?)i)), table.Distribution);
        for (int i = 0; i < expected.Count; i++)
        {
            var row = table.Rows[i].ToDictionary(kv => kv.Key, kv => Convert.ToInt64(kv.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].ParamCount, row["expect_param_count"]);
            Assert.InRange(row["expect_param_count"], 150_000, 250_000);
            Assert.Equal(0, row["d_model"] % row["n_heads"]);
        }

        // arch_idx 3 stands for the index itself and the architecture's keys, after the shape.
        Assert.Equal(["n_vars=5", "seq_len=96", "patch_len=16", "stride=16", "horizon=1"], d.BaseOverrides.Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)));
        Assert.Equal(["arch_idx", "d_model", "n_layers", "n_heads", "d_ff", "expect_param_count"], table.Overrides(3).Select(kv => kv.Key));
        Assert.Throws<ArgumentException>(() => table.Overrides(expected.Count).ToList());
    }

    [Fact]
    public void The_seed_config_takes_its_budget_as_an_override_and_a_budget_nothing_meets_names_the_nearest()
    {
        SweepDefinition d = SweepConfigReader.Read(Configs("architectural_search.yaml"), ["budget=500K", "horizon=3", "n_trials=4"], Options("o"));
        Assert.Equal(4, d.JobCount);
        Assert.InRange(d.Parameters[0].Rows!.Count, 25, 35);
        Assert.Contains(d.BaseOverrides, kv => kv.Key == "horizon" && Equals(kv.Value, 3));

        var none = Assert.Throws<ConfigException>(() => SweepConfigReader.Read(Configs("architectural_search.yaml"), [], Options("n")));
        Assert.Contains("neither 'architectures' nor 'budget'", none.Message, StringComparison.Ordinal);
        var far = Assert.Throws<ConfigException>(() => SweepConfigReader.Read(Configs("architectural_search.yaml"), ["budget=100M"], Options("f")));
        Assert.Contains("the nearest is d512-l12", far.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ConfigException>(() => SweepConfigReader.Read(Configs("architectural_search.yaml"), ["budget=1M", "optimization.target_metric=loss"], Options("b")));
        Assert.Contains("optimization.target_metric: not allowed here", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_backward_compatible_default_search_sweeps_the_trainers_default_architecture_only()
    {
        SweepDefinition d = SweepConfigReader.Read(Configs("default_search.yaml"), [], Options("d"));
        SweepParameter table = d.Parameters[0];
        Assert.Single(table.Rows!);
        Assert.Equal("d_model=64 n_layers=2 n_heads=4 d_ff=128 expect_param_count=68929", SweepParameter.FormatRow(table.Rows![0]));
        Assert.Equal(new IntDistribution(0, 1000, step: 100), d.Parameters.Single(p => p.Name == "warmup_steps").Distribution);
    }

    [Fact]
    public async Task A_resume_whose_architecture_list_changed_is_refused_naming_the_first_changed_row()
    {
        string config = TinyConfig("resume.yaml", "20K");
        SweepDefinition d = SweepConfigReader.Read(config, [], Options("r"));
        using (await SweepWorkspace.CreateAsync(d, new SweepSource(config, [], Options("r")), null, CancellationToken.None))
        {
        }

        using (SweepWorkspace same = await SweepWorkspace.OpenAsync(_dir.File("r"), null, null, CancellationToken.None))
        {
            Assert.Equal(2, same.Study.Trials.Count);
        }

        File.WriteAllText(config, File.ReadAllText(config).Replace("budget: 20K", "budget: 40K", StringComparison.Ordinal));
        var ex = await Assert.ThrowsAsync<ConfigException>(() => SweepWorkspace.OpenAsync(_dir.File("r"), null, null, CancellationToken.None));
        Assert.Contains("the definition changed since it started", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the table of arch_idx changed: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 0 was d_model=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_trains_each_trial_in_its_run_dir_and_writes_best_params_and_the_experiment_log()
    {
        TorchCounter.RequireTorch();
        string config = TinyConfig("run.yaml", "20K");
        SweepDefinition d = SweepConfigReader.Read(config, [], Options("sweep"));
        using SweepWorkspace ws = await SweepWorkspace.CreateAsync(d, new SweepSource(config, [], Options("sweep")), null, CancellationToken.None);
        SweepOutcome outcome = await new SweepController(ws, new ProcessTrialExecutor()).RunAsync(CancellationToken.None);
        Assert.True(outcome.Complete == 2, string.Join(" | ", ws.Study.Trials.Select(t => t.UserAttributes.GetValueOrDefault(SweepController.ReasonAttribute))));

        IReadOnlyList<SizedArchitecture> list = ((ArchitecturalSweepHooks)d.Hooks!).Objective.Architectures;
        foreach (FrozenTrial t in ws.Study.Trials)
        {
            string runDir = (string)t.UserAttributes[SweepController.RunDirAttribute]!;
            Assert.Equal(_dir.File($"sweep/{SweepWorkspace.JobOf(t)}"), runDir);
            SizedArchitecture arch = list[Convert.ToInt32(t.Params["arch_idx"], System.Globalization.CultureInfo.InvariantCulture)];
            Dictionary<string, object?> cfg = ConfigTree.Load(Path.Combine(runDir, "cfg.yaml"));
            Assert.Equal(arch.Architecture.DModel, Convert.ToInt32(cfg["d_model"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(arch.ParamCount, Convert.ToInt64(cfg["expect_param_count"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("epoch 2/2", File.ReadAllText(Path.Combine(runDir, "run.log")), StringComparison.Ordinal);

            // PyTorch's own count, reported by the trainer, is the listed one; the value is the last epoch's val_loss.
            var metrics = (IReadOnlyDictionary<string, object?>)t.UserAttributes[SweepController.MetricsAttribute]!;
            Assert.Equal(arch.ParamCount, Convert.ToInt64(metrics["param_count"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal([0, 1], t.IntermediateValues.Keys.Order());
            Assert.Equal(t.IntermediateValues[1], t.Value);
            Assert.InRange(arch.ParamCount, 15_000, 25_000);

            // The training parameters come from their narrow ranges only.
            Assert.InRange(Convert.ToDouble(t.Params["learning_rate"], System.Globalization.CultureInfo.InvariantCulture), 1e-4, 1e-3);
            Assert.Equal(2, Convert.ToInt32(t.Params["epochs"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new[] { "arch_idx", "batch_size", "epochs", "learning_rate", "warmup_steps" }, t.Params.Keys.Order(StringComparer.Ordinal));
        }

        JsonElement best = JsonDocument.Parse(File.ReadAllText(_dir.File("sweep/best_params.json"))).RootElement;
        FrozenTrial b = ws.Study.BestTrial;
        Assert.Equal(b.Value, best.GetProperty("best_value").GetDouble());
        SizedArchitecture bestArch = list[best.GetProperty("params").GetProperty("arch_idx").GetInt32()];
        Assert.Equal(bestArch.ParamCount, best.GetProperty("architecture").GetProperty("param_count").GetInt64());
        Assert.Equal(bestArch.Architecture.NLayers, best.GetProperty("architecture").GetProperty("n_layers").GetInt32());
        Assert.Contains("data_len=500", best.GetProperty("trainer_overrides").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, best.GetProperty("trials").GetProperty("complete").GetInt32());

        ExperimentLogEntry row = Assert.Single(ExperimentLog.Read(_dir.File(ExperimentLog.DefaultFileName)));
        Assert.Equal(ws.Id, row.Experiment);
        Assert.Equal(b.Value, row.ValLoss);
        Assert.Equal(bestArch.ParamCount, row.ParamCount);
        Assert.Equal(2, row.Trials);
    }

    [Fact]
    public void The_trainer_refuses_a_model_whose_count_is_not_the_expected_one()
    {
        var (code, _, stderr) = TorchCounter.RunPython(["d_model=16", "n_layers=1", "n_heads=2", "d_ff=32", "epochs=1", "data_len=500", "expect_param_count=12345"], null, TimeSpan.FromMinutes(5), _dir.Path, _dir.File("m.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("expect_param_count=12345", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(_dir.File("m.jsonl")));
    }
}
