using System.Text.Json;
using Wnn.Experiments.Objectives.Transformer;
using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;
using Wnn.Storage;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

public sealed class ArchitecturalObjectiveTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ArchitecturalSearchConfig SeedConfig() =>
        ArchitecturalSearchConfig.Load(Path.Combine(TorchCounter.RepoRoot, "configs", "hpo", "architectural_search.yaml"));

    private static ArchitecturalObjective Objective(string budget = "200K")
    {
        ParamBudget b = ParamBudget.Parse(budget);
        return new ArchitecturalObjective(ArchitectureGrid.ForBudget(b, TransformerModelKind.PatchTst), SeedConfig().TrainingSearchSpace, b);
    }

    private SqlStudyStorage Open() => StudyStorages.OpenAsync(_dir.File("studies.db"), null, CancellationToken.None).GetAwaiter().GetResult();

    private static Study Create(IStudyStorage storage, ISampler sampler, string name = "arch") =>
        Study.Create(new StudyOptions { Name = name, Storage = storage, Sampler = sampler, Pruner = new NopPruner(), LoadIfExists = true });

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    public void Trials_sample_only_from_the_list_and_the_narrow_ranges_and_log_the_architecture(string sampler)
    {
        ArchitecturalObjective objective = Objective();
        using SqlStudyStorage storage = Open();
        Study study = Create(storage, SamplerCatalog.Create(sampler, 7, 60));
        var seenArch = new HashSet<int>();
        study.Optimize(t =>
        {
            ArchitecturalTrialPlan plan = objective.Suggest(t);
            seenArch.Add(plan.ArchIdx);
            // A deterministic stand-in for training: smaller learning rates and mid-size models score better.
            return Math.Log10((double)plan.Training["learning_rate"]!) + Math.Abs(plan.Architecture.ParamCount - 200_000) / 1e5;
        }, nTrials: 60);

        foreach (FrozenTrial t in study.Trials)
        {
            Assert.Equal(["arch_idx", "learning_rate", "epochs", "batch_size", "weight_decay", "warmup_steps"], t.Params.Keys);
            int idx = Convert.ToInt32(t.Params["arch_idx"]);
            Assert.InRange(idx, 0, objective.Architectures.Count - 1);
            Assert.InRange((double)t.Params["learning_rate"]!, 1e-4, 1e-3);
            Assert.Contains(Convert.ToInt32(t.Params["epochs"]), new[] { 50, 75, 100 });
            Assert.Contains(Convert.ToInt32(t.Params["batch_size"]), new[] { 32, 64, 128, 256 });
            Assert.InRange((double)t.Params["weight_decay"]!, 1e-5, 1e-3);
            Assert.Contains(Convert.ToInt32(t.Params["warmup_steps"]), new[] { 100, 200, 300, 500 });
            SizedArchitecture a = objective.Architectures[idx];
            Assert.Equal(a.Architecture.DModel, Convert.ToInt32(t.UserAttributes["d_model"]));
            Assert.Equal(a.Architecture.NLayers, Convert.ToInt32(t.UserAttributes["n_layers"]));
            Assert.Equal(a.Architecture.NHeads, Convert.ToInt32(t.UserAttributes["n_heads"]));
            Assert.Equal(a.Architecture.DFf, Convert.ToInt32(t.UserAttributes["d_ff"]));
            Assert.Equal(a.ParamCount, Convert.ToInt64(t.UserAttributes["param_count"]));
            Assert.True(t.SystemAttributes.ContainsKey(ArchitectureListAttribute.Key));
        }

        Assert.True(seenArch.Count >= 10, $"only {seenArch.Count} architectures tried in 60 trials");
    }

    [Fact]
    public void Overrides_carry_the_architecture_the_training_parameters_and_the_shape()
    {
        ArchitecturalObjective objective = Objective();
        var plan = new ArchitecturalTrialPlan(3, objective.Architectures[3], new Dictionary<string, object?>
        {
            ["learning_rate"] = 0.00031, ["epochs"] = 50, ["batch_size"] = 64, ["weight_decay"] = 1e-5, ["warmup_steps"] = 100,
        });
        Architecture a = objective.Architectures[3].Architecture;
        Assert.Equal(
            [$"d_model={a.DModel}", $"n_layers={a.NLayers}", $"n_heads={a.NHeads}", $"d_ff={a.DFf}", "learning_rate=0.00031", "epochs=50", "batch_size=64",
             "weight_decay=1E-05", "warmup_steps=100", "n_vars=5", "seq_len=96", "patch_len=16", "stride=16", "horizon=3", "seed=11"],
            TrainerOverrides.For(plan, new PatchTstShape { Horizon = 3 }, 11));
    }

    [Fact]
    public void A_resumed_study_with_a_different_architecture_list_is_refused_and_the_same_list_resumes()
    {
        using (SqlStudyStorage storage = Open())
        {
            ArchitecturalObjective first = Objective("200K");
            Study study = Create(storage, new RandomSampler(1));
            first.EnsureCompatible(study);
            study.Optimize(t => Convert.ToDouble(first.Suggest(t).ArchIdx), nTrials: 3);
        }

        using (SqlStudyStorage storage = Open())
        {
            Study resumed = Create(storage, new RandomSampler(2));
            Objective("200K").EnsureCompatible(resumed);
            var ex = Assert.Throws<InvalidOperationException>(() => Objective("500K").EnsureCompatible(resumed));
            Assert.Contains("study 'arch' was run with a different architecture list", ex.Message, StringComparison.Ordinal);
            Assert.Contains("budget 200K", ex.Message, StringComparison.Ordinal);
            Assert.Contains("now: 30 architectures, budget 500K", ex.Message, StringComparison.Ordinal);
            Assert.Contains("arch_idx 0 was d64-l3-h1-f256", ex.Message, StringComparison.Ordinal);
            Assert.Equal(3, resumed.Trials.Count);
        }
    }

    [Fact]
    public void Best_params_json_holds_the_architecture_and_its_param_count()
    {
        ArchitecturalObjective objective = Objective();
        Study study = Create(new InMemoryStudyStorage(), new RandomSampler(5));
        study.Optimize(t => Math.Abs(objective.Suggest(t).ArchIdx - 12), nTrials: 40);
        string path = _dir.File("out/best_params.json");
        BestParamsFile.Write(path, study, objective, new PatchTstShape());
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement;
        int idx = root.GetProperty("params").GetProperty("arch_idx").GetInt32();
        Assert.Equal(study.BestTrial.Number, root.GetProperty("best_trial").GetInt32());
        Assert.Equal(study.BestValue, root.GetProperty("best_value").GetDouble());
        SizedArchitecture best = objective.Architectures[idx];
        JsonElement arch = root.GetProperty("architecture");
        Assert.Equal(best.Architecture.DModel, arch.GetProperty("d_model").GetInt32());
        Assert.Equal(best.Architecture.NLayers, arch.GetProperty("n_layers").GetInt32());
        Assert.Equal(best.Architecture.NHeads, arch.GetProperty("n_heads").GetInt32());
        Assert.Equal(best.Architecture.DFf, arch.GetProperty("d_ff").GetInt32());
        Assert.Equal(best.ParamCount, arch.GetProperty("param_count").GetInt64());
        Assert.Equal("200K", root.GetProperty("budget").GetString());
        Assert.Equal(6, root.GetProperty("params").EnumerateObject().Count());
        Assert.Equal($"d_model={best.Architecture.DModel}", root.GetProperty("trainer_overrides")[0].GetString());
        Assert.Equal(40, root.GetProperty("trials").GetProperty("complete").GetInt32());
    }

    [Fact]
    public void Best_params_without_a_complete_trial_is_refused()
    {
        Study study = Create(new InMemoryStudyStorage(), new RandomSampler(5));
        Assert.Throws<InvalidOperationException>(() => BestParamsFile.Render(study, Objective(), new PatchTstShape()));
    }

    [Fact]
    public void The_objective_refuses_an_empty_list_and_architectural_training_parameters()
    {
        Assert.Throws<ArgumentException>(() => new ArchitecturalObjective([], SeedConfig().TrainingSearchSpace));
        var ex = Assert.Throws<ArgumentException>(() => new ArchitecturalObjective(
            Objective().Architectures, [new("d_model", new IntDistribution(32, 512))]));
        Assert.Contains("'d_model' is architectural", ex.Message, StringComparison.Ordinal);
    }
}
