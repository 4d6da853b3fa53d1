using Wnn.Experiments.Config;
using Wnn.Experiments.Config.Composition;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers.Slurm;

namespace Wnn.Experiments.Tests.Sweeps;

/// <summary>The launcher and its Slurm options in both config forms: seed 003's execution.launcher + slurm: block, seed 004's hydra.launcher.</summary>
public sealed class SweepLauncherConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-launchercfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SweepDefinition Read(string yaml, string[]? overrides = null, SweepReadOptions? options = null)
    {
        string path = Path.Combine(_dir, "c.yaml");
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return SweepConfigReader.Read(path, overrides ?? [], options ?? new SweepReadOptions { SweepDir = Path.Combine(_dir, "s") });
    }

    [Fact]
    public void The_seed_003_form_selects_slurm_with_a_slurm_block_and_submits_a_whole_grid_at_once()
    {
        SweepExecution e = Read("""
            experiment: {command: [sh], x: [1, 2]}
            execution: {launcher: slurm}
            slurm:
              partition: gpu
              timeout_min: 90
              mem_gb: 32
              gpus_per_node: 1
              array_parallelism: 8
              setup: ["module load cuda", "source venv/bin/activate"]
              additional_parameters: {mail-type: END, exclusive: true}
            """, ["slurm.cpus_per_task=4"]).Execution;
        Assert.Equal("slurm", e.Launcher);
        Assert.Equal(SweepExecution.DefaultSlurmMaxParallel, e.MaxParallel);
        SlurmOptions o = e.Slurm!;
        Assert.Equal(("gpu", 90, 32, 1, 8, 4), (o.Partition, o.TimeoutMin, o.MemGb, o.GpusPerNode, o.ArrayParallelism, o.CpusPerTask));
        Assert.Equal(["module load cuda", "source venv/bin/activate"], o.Setup);
        string script = SbatchScript.Render(o, "wnn-x", "/b", 2, ["wnn", "slurm", "exec"]);
        Assert.Contains("#SBATCH --array=0-1%8\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=gpu\n#SBATCH --time=90\n#SBATCH --cpus-per-task=4\n#SBATCH --mem=32G\n#SBATCH --gpus-per-node=1\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --exclusive\n#SBATCH --mail-type=END\nmodule load cuda\nsource venv/bin/activate\nexec wnn slurm exec /b/\"${SLURM_ARRAY_TASK_ID}.json\"\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_launcher_wins_over_the_file()
    {
        const string Yaml = "experiment: {command: [sh]}\nexecution: {launcher: slurm, max_parallel: 3}\nslurm: {partition: gpu}\n";
        SweepExecution local = Read(Yaml, options: new SweepReadOptions { Launcher = "local", SweepDir = _dir }).Execution;
        Assert.Equal(("local", 3), (local.Launcher, local.MaxParallel));
        SweepExecution none = Read("experiment: {command: [sh]}\n", options: new SweepReadOptions { Launcher = "slurm", SweepDir = _dir }).Execution;
        Assert.Equal(("slurm", SweepExecution.DefaultSlurmMaxParallel, null), (none.Launcher, none.MaxParallel, none.Slurm));
        Assert.Equal((null, 1), (Read("experiment: {command: [sh]}\n").Execution.Launcher, Read("experiment: {command: [sh]}\n").Execution.MaxParallel));
    }

    [Fact]
    public void The_seed_004_form_reads_hydra_launcher_as_hydras_submitit_plugin_names_it()
    {
        SweepExecution e = Read("""
            experiment: {command: [sh]}
            x: 0
            hydra:
              mode: MULTIRUN
              sweeper:
                params:
                  x: 1,2,3
              launcher:
                _target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher
                submitit_folder: ${hydra.sweep.dir}/.submitit/%j
                name: phase1
                partition: cpu
                timeout_min: 60
                cpus_per_task: 2
                mem_per_cpu: 4G
                signal_delay_s: 120
                max_num_timeout: 0
                array_parallelism: 2
                setup: [module purge]
                additional_parameters: {nodelist: cn-a001}
            """).Execution;
        Assert.Equal(("slurm", SweepExecution.DefaultSlurmMaxParallel), (e.Launcher, e.MaxParallel));
        SlurmOptions o = e.Slurm!;
        Assert.Equal(("phase1", "cpu", 60, 2, "4G", 2), (o.JobName, o.Partition, o.TimeoutMin, o.CpusPerTask, o.MemPerCpu, o.ArrayParallelism));
        Assert.Equal(["module purge"], o.Setup);
        Assert.Equal("cn-a001", o.AdditionalParameters["nodelist"]);
    }

    [Theory]
    [InlineData("hydra.runtime.choices.hydra/launcher=submitit_slurm", "slurm")]
    [InlineData("hydra.runtime.choices.hydra/launcher=submitit_local", "local")]
    [InlineData("hydra.launcher._target_=hydra._internal.core_plugins.basic_launcher.BasicLauncher", "local")]
    [InlineData("execution.launcher=local", "local")]
    public void A_composed_configs_launcher_choice_selects_the_launcher(string set, string launcher)
    {
        var tree = new Dictionary<string, object?>
        {
            ["experiment"] = new Dictionary<string, object?> { ["command"] = new List<object?> { "sh" } },
            ["hydra"] = new Dictionary<string, object?>
            {
                ["mode"] = "MULTIRUN",
                ["launcher"] = new Dictionary<string, object?> { ["_target_"] = "hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher", ["partition"] = "cpu" },
            },
        };
        int eq = set.IndexOf('=', StringComparison.Ordinal);
        if (set.StartsWith("hydra.runtime.choices.", StringComparison.Ordinal))
        {
            // The group key holds a slash, which ConfigTree.Set would split.
            ((Dictionary<string, object?>)tree["hydra"]!)["runtime"] = new Dictionary<string, object?>
            {
                ["choices"] = new Dictionary<string, object?> { [set["hydra.runtime.choices.".Length..eq]] = set[(eq + 1)..] },
            };
        }
        else
        {
            ConfigTree.Set(tree, set[..eq], set[(eq + 1)..]);
        }
        SweepExecution e = Read(ConfigTree.ToYaml(tree)).Execution;
        Assert.Equal(launcher, e.Launcher);
        if (launcher == "slurm")
        {
            Assert.Equal("cpu", e.Slurm!.Partition);
        }
    }

    [Theory]
    [InlineData("execution: {launcher: pbs}", "execution.launcher: 'pbs' is not allowed; allowed: local, slurm")]
    [InlineData("slurm: {partiton: gpu}", "slurm.partiton: unknown option; accepted: partition, timeout_min")]
    [InlineData("slurm: {timeout_min: 0}", "slurm.timeout_min: '0' is not an integer ≥ 1")]
    [InlineData("slurm: {partition: [a, b]}", "slurm.partition: expected one value, got a list or a map")]
    [InlineData("slurm: gpu", "slurm: expected a mapping, got gpu")]
    [InlineData("hydra: {mode: MULTIRUN, launcher: {_target_: x.SlurmLauncher, max_num_timeout: 3}}", "hydra.launcher.max_num_timeout: 3 is not supported; accepted: 0")]
    [InlineData("hydra: {mode: MULTIRUN, launcher: {_target_: x.RayLauncher}}", "hydra.launcher._target_: 'x.RayLauncher' is not supported")]
    [InlineData("hydra: {mode: MULTIRUN, launcher: {cpus: 2}}", "hydra.launcher.cpus: unknown option; accepted: partition")]
    public void Bad_launcher_settings_are_refused_naming_the_key(string yaml, string expected)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => Read("experiment: {command: [sh]}\n" + yaml + "\n"));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "slurm", "gpu")]
    [InlineData("env=local", "local", null)]
    public void The_sweep_reader_takes_the_launcher_from_the_examples_env_group(string? env, string launcher, string? partition)
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Wnn.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Wnn.slnx not found above " + AppContext.BaseDirectory);
        }

        SweepDefinition d = SweepConfigReader.Read(Path.Combine(dir, "examples", "sweeps", "hpc_sweep.yaml"), env is null ? [] : [env],
            new SweepReadOptions { SweepDir = Path.Combine(_dir, "s") });
        Assert.Equal(launcher, d.Execution.Launcher);
        Assert.Equal(partition, d.Execution.Slurm?.Partition);
        Assert.Equal(6, d.Jobs.Count);
    }

    [Theory]
    [InlineData(null, "slurm")]
    [InlineData("env=local", "local")]
    [InlineData("env=hpc", "slurm")]
    public void The_examples_env_group_runs_on_slurm_by_default_and_locally_with_env_local(string? env, string launcher)
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Wnn.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Wnn.slnx not found above " + AppContext.BaseDirectory);
        }

        var composer = new ConfigComposer(new ConfigRepository(Path.Combine(dir, "examples", "sweeps")));
        ComposedConfig composed = composer.Compose("hpc_sweep", env is null ? [] : [ConfigOverride.Parse(env)], new ConfigCompositionContext
        {
            Now = new DateTimeOffset(2025, 10, 31, 12, 0, 0, TimeSpan.Zero),
            JobNum = 0,
            Environment = name => name == "USER" ? "alice" : null,
        });
        var tree = (Dictionary<string, object?>)composed.Resolve().ToPlainObject()!;
        (string? chosen, SlurmOptions? slurm) = SweepLauncherSection.Hydra(composed);
        (string? fromTree, SlurmOptions? slurmFromTree) = SweepLauncherSection.Hydra(tree);
        Assert.Equal((chosen, System.Text.Json.JsonSerializer.Serialize(slurm)), (fromTree, System.Text.Json.JsonSerializer.Serialize(slurmFromTree)));
        Assert.Equal(launcher, chosen);
        string root = launcher == "slurm" ? "/scratch/alice/wnn" : "outputs";
        Assert.Equal(root + "/experiments/exp_20251031-120000_hpc_sweep", ConfigTree.TryGet(tree, "hydra.sweep.dir", out object? d) ? d : null);
        if (launcher == "slurm")
        {
            Assert.Equal(("gpu", 240, 8, 32, 1, 16), (slurm!.Partition, slurm.TimeoutMin, slurm.CpusPerTask, slurm.MemGb, slurm.GpusPerNode, slurm.ArrayParallelism));
            Assert.Equal(["module load cuda", "source ~/venvs/wnn/bin/activate"], slurm.Setup);
        }
        else
        {
            Assert.Null(slurm);
        }
    }
}
