using Wnn.Experiments.Config;
using Wnn.Experiments.Config.Composition;
using Wnn.Experiments.Sweeps;
using Wnn.Search;

namespace Wnn.Experiments.Tests.Sweeps;

public sealed class SweepConfigReaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 10, 31, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-sweepcfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "c.yaml");
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    [Fact]
    public void Yaml_scalars_are_typed_as_the_core_schema_and_quoted_ones_stay_text()
    {
        Dictionary<string, object?> t = ConfigTree.Parse("a: 1\nb: 1e-4\nc: true\nd: ~\ne: '3'\nf: x,y\ng: 5000000000\n");
        Assert.IsType<int>(t["a"]);
        Assert.Equal(1e-4, t["b"]);
        Assert.Equal(true, t["c"]);
        Assert.Null(t["d"]);
        Assert.Equal("3", t["e"]);
        Assert.Equal("x,y", t["f"]);
        Assert.IsType<long>(t["g"]);
    }

    [Fact]
    public void The_seed_003_grid_expands_experiment_lists_and_parameters_with_the_last_key_fastest()
    {
        SweepDefinition d = SweepConfigReader.Read(Write("""
            experiment: {command: [sh], name: demo, problem_type: [spirals, moons], input_dim: 3}
            parameters: {lr: [1e-4, 1e-3], layers: {type: int, low: 2, high: 6, step: 2}}
            """), [], new SweepReadOptions { Now = Now });
        Assert.Equal(SweepKind.Grid, d.Kind);
        Assert.Equal(12, d.JobCount);
        Assert.Equal([new("input_dim", (object?)3)], d.BaseOverrides);
        Assert.Equal(["problem_type=spirals", "lr=0.0001", "layers=2"], d.Jobs[0].Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)));
        Assert.Equal(["problem_type=spirals", "lr=0.0001", "layers=4"], d.Jobs[1].Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)));
        Assert.Equal(["problem_type=moons", "lr=0.001", "layers=6"], d.Jobs[11].Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)));
        Assert.EndsWith(Path.Combine("outputs", "experiments", "exp_20251031-120000_demo"), d.SweepDir, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bayesian_config_gives_distributions_and_cli_overrides_apply()
    {
        SweepDefinition d = SweepConfigReader.Read(Write("""
            sweep_type: bayesian
            experiment: {command: [sh]}
            parameters:
              lr: {type: float, low: 1e-5, high: 1e-1, log: true}
              n: {type: categorical, choices: [4, 8]}
            optimization: {sampler: CmaEsSampler, pruner: MedianPruner, target_metric: acc, direction: maximize}
            """), ["execution.max_parallel=3", "optimization.n_trials=7"], new SweepReadOptions { Now = Now });
        Assert.Equal(SweepKind.Study, d.Kind);
        Assert.Equal(new FloatDistribution(1e-5, 1e-1, log: true), d.Parameters[0].Distribution);
        Assert.Equal("cmaes", d.Optimization.Sampler);
        Assert.Equal("median", d.Optimization.Pruner);
        Assert.Equal(StudyDirection.Maximize, d.Optimization.Direction);
        Assert.Equal(3, d.Execution.MaxParallel);
        Assert.Equal(7, d.JobCount);
    }

    private string WriteFile(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>A config directory with a group (model/small, model/large) and a primary config that sweeps it and lr.</summary>
    private string WriteGroupSweep()
    {
        WriteFile("model/small.yaml", "size: 1\nwidth: ${..lr}\n");
        WriteFile("model/large.yaml", "size: 2\nwidth: 64\n");
        return WriteFile("primary.yaml", """
            defaults:
              - model: small
              - _self_
            env: {output_root: out}
            experiment: {name: cmp, command: [sh]}
            lr: 0.1
            tag: "${model.size}_${lr}"
            stamp: "${now:%H%M%S}"
            seed: ${hydra:job.num}
            execution: {max_parallel: 2}
            hydra:
              job: {name: "${experiment.name}"}
              sweep: {dir: "${env.output_root}/experiments/exp_${now:%Y%m%d-%H%M%S}_${hydra.job.name}", subdir: "run_${hydra.job.num}"}
              sweeper: {params: {model: "small,large", lr: "1e-3,1e-4"}}
            """);
    }

    [Fact]
    public void The_hydra_form_composes_each_job_from_its_group_option_in_Hydras_order()
    {
        SweepDefinition d = SweepConfigReader.Read(WriteGroupSweep(), ["+note=x"], new SweepReadOptions { Now = Now });
        Assert.Equal("hydra", d.Form);
        Assert.Equal(4, d.JobCount);
        Assert.EndsWith(Path.Combine("out", "experiments", "exp_20251031-120000_cmp"), d.SweepDir, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(d.SweepDir, "run_3"), d.RunDir(3));
        // Hydra's basic sweeper: the sweeper params in order, then the command line; the last key varies fastest.
        Assert.Equal(
            [["model=small", "lr=0.001", "+note=x"], ["model=small", "lr=0.0001", "+note=x"], ["model=large", "lr=0.001", "+note=x"], ["model=large", "lr=0.0001", "+note=x"]],
            d.ComposedJobs!.Select(j => j.Overrides.ToArray()));
        Assert.Equal(["model", "lr"], d.Parameters.Select(p => p.Name));
        for (int job = 0; job < 4; job++)
        {
            var cfg = (Dictionary<string, object?>)d.ComposedJobs![job].Config.ToPlainObject()!;
            var model = (Dictionary<string, object?>)cfg["model"]!;
            double lr = job % 2 == 0 ? 0.001 : 0.0001;
            Assert.Equal(job < 2 ? 1L : 2L, model["size"]);
            Assert.Equal(job < 2 ? lr : (object)64L, model["width"]); // small's ${..lr} resolved in the job's own config
            Assert.Equal(lr, cfg["lr"]);
            Assert.Equal($"{(job < 2 ? 1 : 2)}_{lr.ToString(System.Globalization.CultureInfo.InvariantCulture)}", cfg["tag"]);
            Assert.Equal("120000", cfg["stamp"]); // one timestamp for the whole sweep
            Assert.Equal((long)job, cfg["seed"]);
            Assert.Equal("x", cfg["note"]);
            Assert.False(cfg.ContainsKey("hydra"));
            Assert.False(cfg.ContainsKey("execution"));
            Assert.False(((Dictionary<string, object?>)cfg["experiment"]!).ContainsKey("command"));
        }

        Assert.Equal(2, d.Execution.MaxParallel);
        Assert.Contains("sweeper:\n    params:\n      model: small,large\n", d.Multirun, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_group_option_changes_the_identity_of_the_jobs_that_select_it()
    {
        string path = WriteGroupSweep();
        SweepDefinition before = SweepConfigReader.Read(path, [], new SweepReadOptions { Now = Now });
        Assert.Equal(SweepIdentity.Hash(before), SweepIdentity.Hash(SweepConfigReader.Read(path, [], new SweepReadOptions { Now = Now.AddHours(1) })));
        WriteFile("model/large.yaml", "size: 2\nwidth: 128\n");
        SweepDefinition after = SweepConfigReader.Read(path, [], new SweepReadOptions { Now = Now });
        Assert.Equal(["job_configs.2", "job_configs.3"], SweepIdentity.Differences(SweepIdentity.Canonical(before), SweepIdentity.Canonical(after)));
    }

    [Theory]
    [InlineData("experiment: {command: [sh]}\nparameters: {lr: [1, 2]}\n", "outputs/experiments/exp_20251031-120000_c")]
    [InlineData("env: {output_root: /tmp/wnn-root}\nexperiment: {name: n, command: [sh]}\nparameters: {lr: [1, 2]}\n", "/tmp/wnn-root/experiments/exp_20251031-120000_n")]
    [InlineData("defaults: [_self_]\nlr: 1\nexperiment: {name: h, command: [sh]}\nhydra: {sweeper: {params: {lr: '1,2'}}}\n", "outputs/experiments/exp_20251031-120000_h")]
    public void Without_a_sweep_dir_a_sweep_goes_under_env_output_root(string yaml, string expected)
    {
        SweepDefinition d = SweepConfigReader.Read(Write(yaml), [], new SweepReadOptions { Now = Now });
        Assert.Equal(Path.GetFullPath(expected), d.SweepDir);
    }

    [Theory]
    [InlineData("nope=1", "Could not override 'nope'")]
    [InlineData("model=huge", "huge")]
    [InlineData("lr=[1,", "lr=[1,")]
    public void A_bad_override_of_the_hydra_form_is_a_config_error_naming_it(string bad, string expected)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => SweepConfigReader.Read(WriteGroupSweep(), [bad], new SweepReadOptions { Now = Now }));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_identity_changes_with_the_search_space_and_names_the_differing_keys()
    {
        string path = Write("experiment: {command: [sh]}\nparameters: {lr: [1, 2]}\nexecution: {max_parallel: 1}\n");
        SweepDefinition a = SweepConfigReader.Read(path, [], new SweepReadOptions { Now = Now });
        SweepDefinition b = SweepConfigReader.Read(path, ["execution.max_parallel=4"], new SweepReadOptions { Now = Now });
        SweepDefinition c = SweepConfigReader.Read(path, ["lr=1,3"], new SweepReadOptions { Now = Now });
        Assert.Equal(SweepIdentity.Hash(a), SweepIdentity.Hash(b));
        Assert.NotEqual(SweepIdentity.Hash(a), SweepIdentity.Hash(c));
        Assert.Equal(["jobs", "parameters.lr"], SweepIdentity.Differences(SweepIdentity.Canonical(a), SweepIdentity.Canonical(c)));
    }

    [Theory]
    [InlineData("experiment: {command: [sh]}\nexecution: {max_parallel: 0}\n", "execution.max_parallel: expected an integer ≥ 1, got 0")]
    [InlineData("experiment: {command: [sh]}\nexecution: {bogus: 1}\n", "execution.bogus: unknown key; allowed: max_parallel")]
    [InlineData("experiment: {command: [sh]}\noptimization: {direction: up}\n", "optimization.direction: 'up' is not allowed; allowed: minimize, maximize")]
    [InlineData("experiment: {command: [sh]}\noptimization: {pruner: magic}\n", "optimization.pruner: unknown pruner 'magic'; known: none, median")]
    [InlineData("experiment: {command: [sh]}\nparameters: {lr: []}\n", "parameters.lr: the list is empty")]
    [InlineData("experiment: {command: [sh]}\nparameters: {lr: {type: float, low: 0.1, high: 1, log: true}}\n", "parameters.lr: a grid needs a list of values")]
    public void Bad_values_are_refused_naming_the_key(string yaml, string expected)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => SweepConfigReader.Read(Write(yaml), [], new SweepReadOptions { Now = Now }));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
