using Wnn.Experiments.Config;
using Wnn.Experiments.Objectives.Transformer;
using Wnn.Experiments.Sweeps;
using Wnn.Search;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

public sealed class ArchitecturalSearchConfigTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Example(string name) => Path.Combine(TorchCounter.RepoRoot, "configs", "hpo", name);

    [Fact]
    public void The_architectural_search_config_is_the_seeds()
    {
        ArchitecturalSearchConfig c = ArchitecturalSearchConfig.Load(Example("architectural_search.yaml"));
        Assert.Equal(50, c.NTrials);
        Assert.Null(c.TimeoutHours);
        Assert.Equal(StudyDirection.Minimize, c.Direction);
        Assert.Equal(["learning_rate", "epochs", "batch_size", "weight_decay", "warmup_steps"], c.TrainingSearchSpace.Select(p => p.Key));
        var space = c.TrainingSearchSpace.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(new FloatDistribution(1e-4, 1e-3, log: true), space["learning_rate"]);
        Assert.Equal(new CategoricalDistribution([50, 75, 100]), space["epochs"]);
        Assert.Equal(new CategoricalDistribution([32, 64, 128, 256]), space["batch_size"]);
        Assert.Equal(new FloatDistribution(1e-5, 1e-3, log: true), space["weight_decay"]);
        Assert.Equal(new CategoricalDistribution([100, 200, 300, 500]), space["warmup_steps"]);
        Assert.Null(c.Architectures);
        Assert.Throws<ConfigException>(c.ResolveArchitectures);
    }

    [Fact]
    public void The_default_search_config_still_reads_with_its_search_space_key()
    {
        ArchitecturalSearchConfig c = ArchitecturalSearchConfig.Load(Example("default_search.yaml"));
        Assert.Equal(50, c.NTrials);
        Assert.Equal(5, c.TrainingSearchSpace.Count);
        Assert.Equal(new IntDistribution(0, 1000, step: 100), c.TrainingSearchSpace.Single(p => p.Key == "warmup_steps").Value);
    }

    [Fact]
    public void Templates_write_12_configs_that_read_back_with_their_architecture_lists_and_equal_the_committed_ones()
    {
        ArchitecturalSearchConfig source = ArchitecturalSearchConfig.Load(Example("architectural_search.yaml"));
        IReadOnlyList<string> files = HpoTemplates.WriteAll(_dir.Path, source, ParamBudget.Named, HpoTemplates.DefaultHorizons, "configs/hpo/architectural_search.yaml");
        Assert.Equal(12, files.Count);
        Assert.Equal(12, Directory.GetFiles(_dir.Path, "hpo_*.yaml").Length);
        foreach (ParamBudget b in ParamBudget.Named)
        {
            foreach (int h in HpoTemplates.DefaultHorizons)
            {
                ArchitecturalSearchConfig c = ArchitecturalSearchConfig.Load(Path.Combine(_dir.Path, $"hpo_{b.Name}_h{h}.yaml"));
                Assert.Equal(b, c.Budget);
                Assert.Equal(h, c.Shape.Horizon);
                Assert.Equal($"arch_{b.Name}_h{h}", c.StudyName);
                Assert.Equal(source.TrainingSearchSpace, c.TrainingSearchSpace);
                Assert.Equal(source.NTrials, c.NTrials);
                Assert.Equal(ArchitectureGrid.ForBudget(b, TransformerModelKind.PatchTst, new PatchTstShape { Horizon = h }), c.Architectures);
                Assert.Null(c.Trainer);

                // configs/hpo/generated is derived from architectural_search.yaml and the grid: regenerate with
                // `./wnn arch templates --out configs/hpo/generated` when either changes.
                string name = HpoTemplates.FileName(b, h);
                Assert.True(File.ReadAllText(Path.Combine(_dir.Path, name)) == File.ReadAllText(Example(Path.Combine("generated", name))),
                    $"configs/hpo/generated/{name} is stale; run ./wnn arch templates --out configs/hpo/generated");
            }
        }
    }

    [Fact]
    public void Fixed_keys_python_and_sweep_settings_survive_the_templates()
    {
        ArchitecturalSearchConfig source = ArchitecturalSearchConfig.FromYaml(
            "budget: 200K\npython: /usr/bin/python3\nfixed: {data_len: 800, threads: 1}\nexecution: {timeout_per_trial: 600, max_failures: 1}\n" +
            "optimization: {seed: 7}\ntraining_search_space:\n  learning_rate: {type: log_uniform, low: 1.0e-4, high: 1.0e-3}\n");
        ArchitecturalSearchConfig back = ArchitecturalSearchConfig.FromYaml(HpoTemplates.Render(source, ParamBudget.Parse("200K"), 3, "x.yaml"));
        Assert.Equal([new("data_len", "800"), new("threads", "1")], back.Fixed);
        Assert.Equal("/usr/bin/python3", back.Python);
        Assert.Equal(["execution", "optimization"], back.SweepSettings.Keys.Order());
        Assert.Equal("600", ConfigTree.Format(((Dictionary<string, object?>)back.SweepSettings["execution"]!)["timeout_per_trial"]));
        Assert.Equal(3, back.Shape.Horizon);
    }

    [Theory]
    [InlineData("fixed: {d_model: 64}\ntraining_search_space: {}\n", "fixed.d_model: not allowed here (the architecture comes from the list)")]
    [InlineData("fixed: {horizon: 3}\ntraining_search_space: {}\n", "fixed.horizon: not allowed here (give it at the top level)")]
    [InlineData("fixed: [1]\ntraining_search_space: {}\n", "fixed: expected a mapping")]
    [InlineData("fixed: {epochs: 3}\ntraining_search_space:\n  epochs: {type: categorical, choices: [2]}\n", "fixed.epochs: the key is also in the search space")]
    [InlineData("n_trials: 5\n", "training_search_space is missing")]
    [InlineData("n_trial: 5\ntraining_search_space: {}\n", "unknown key 'n_trial'")]
    [InlineData("training_search_space:\n  lr: {type: loguniform, low: 1, high: 2}\n", "type 'loguniform' is unknown; allowed: uniform, log_uniform, int, categorical")]
    [InlineData("training_search_space:\n  lr: {type: log_uniform, low: 0, high: 2}\n", "training_search_space.lr: FloatDistribution: log scale needs low > 0")]
    [InlineData("training_search_space:\n  lr: {type: uniform, high: 2}\n", "'low' is required")]
    [InlineData("training_search_space:\n  e: {type: categorical, choices: []}\n", "categorical needs 'choices'")]
    [InlineData("training_search_space:\n  d_model: {type: categorical, choices: [64]}\n", "'d_model' is architectural")]
    [InlineData("direction: up\ntraining_search_space: {}\n", "direction: 'up' is not allowed")]
    [InlineData("budget: 2G\ntraining_search_space: {}\n", "budget: budget '2G' is not a parameter count")]
    [InlineData("training_search_space: {}\narchitectures:\n  - {d_model: 64, n_layers: 2, n_heads: 3, d_ff: 128, param_count: 1}\n", "n_heads 3 does not divide d_model 64")]
    [InlineData("training_search_space: {}\narchitectures:\n  - {d_model: 64, n_layers: 2, n_heads: 4, d_ff: 128, param_count: 1}\n", "has 68929 parameters for this model and shape, not 1")]
    [InlineData("n_trials: [1\n", "invalid YAML")]
    public void Bad_configs_name_the_key_and_what_is_allowed(string yaml, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => ArchitecturalSearchConfig.FromYaml(yaml));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
