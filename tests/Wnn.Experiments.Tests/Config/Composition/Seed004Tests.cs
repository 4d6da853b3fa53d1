using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>Seed 004's layout: <c>phase1/latent_space/{none,linear,vq}</c>, <c>env/{local,hpc}</c> and a
/// <c># @package _global_</c> experiment that configures the sweep.</summary>
public sealed class Seed004Tests
{
    [Fact]
    public void Compare_globals_heads_on_local_composes_the_expected_tree()
    {
        var composed = Compose.Run("seed004", "config", "phase1/experiment=compare_globals_heads", "env=local");
        Assert.Equal(Compose.Yaml("""
            phase1:
              latent_space:
                type: linear
                latent_dim: 32
              trainer:
                epochs: 20
                lr: 0.001
                batch_size: 256
              decoder:
                globals_beta: 1.0
            env:
              output_root: ./outputs
              device: cpu
              num_workers: 2
            seed: 42
            experiment:
              name: compare_globals_heads
              description: Influence of the global head reconstruction (MET/METphi) across latent spaces
            """), ConfigYaml.Write(composed.ResolveJob()));
        Assert.Equal(
            [("phase1/latent_space/linear", "phase1.latent_space"), ("env/local", "env"), ("config", ""), ("phase1/experiment/compare_globals_heads", "")],
            composed.DefaultsList);
    }

    [Fact]
    public void The_sweep_section_resolves_with_one_clock_and_the_job_number()
    {
        var composed = Compose.Run("seed004", "config", "phase1/experiment=compare_globals_heads", "env=local");
        ConfigNode hydra = composed.Resolve("hydra");
        Assert.Equal("./outputs/experiments/exp_20251031-120000_compare_globals_heads", Text(hydra, "sweep.dir"));
        Assert.Equal(0L, ((ConfigScalar)ConfigEdit.Select(hydra, "sweep.subdir")!).Value);
        Assert.Equal("compare_globals_heads", Text(hydra, "job.name"));
        Assert.Equal("MULTIRUN", Text(hydra, "mode"));
        Assert.Equal(true, ((ConfigScalar)ConfigEdit.Select(hydra, "job.chdir")!).Value);
        Assert.Equal(Compose.Yaml("""
            phase1/latent_space: none,linear,vq
            phase1.decoder.globals_beta: 0,1,10
            """), ConfigYaml.Write(ConfigEdit.Select(hydra, "sweeper.params")!));
        // Hydra records choices as it walks each defaults list last entry first.
        Assert.Equal(Compose.Yaml("""
            phase1/experiment: compare_globals_heads
            env: local
            phase1/latent_space: linear
            """), ConfigYaml.Write(ConfigEdit.Select(hydra, "runtime.choices")!));

        // Job 7 of the same sweep (same clock) shares the sweep directory.
        var job7 = new ConfigComposer(new ConfigRepository(Compose.Dir("seed004"))).Compose(
            "config",
            [ConfigOverride.ParseSimple("phase1/experiment=compare_globals_heads"), ConfigOverride.ParseSimple("env=local"), ConfigOverride.ParseSimple("phase1/latent_space=vq")],
            Compose.Context(jobNum: 7));
        Assert.Equal("./outputs/experiments/exp_20251031-120000_compare_globals_heads", ((ConfigScalar)job7.Resolve("hydra.sweep.dir")).Value);
        Assert.Equal(7L, ((ConfigScalar)job7.Resolve("hydra.sweep.subdir")).Value);
        Assert.Equal("vq", ((ConfigScalar)job7.Resolve("phase1.latent_space.type")).Value);
    }

    [Fact]
    public void The_default_env_is_hpc_with_the_user_from_the_environment()
    {
        var composed = Compose.Run("seed004", "config", "phase1/experiment=compare_globals_heads");
        Assert.Equal("/scratch/alice/thesis/experiments/exp_20251031-120000_compare_globals_heads", ((ConfigScalar)composed.Resolve("hydra.sweep.dir")).Value);
        Assert.Equal("cuda", ((ConfigScalar)composed.Resolve("env.device")).Value);
    }

    [Fact]
    public void Without_an_experiment_the_primary_values_stay()
    {
        var composed = Compose.Run("seed004", "config", "phase1/latent_space=none");
        Assert.Equal(50L, ((ConfigScalar)composed.Resolve("phase1.trainer.epochs")).Value);
        Assert.Equal("multirun/2025-10-31/12-00-00", ((ConfigScalar)composed.Resolve("hydra.sweep.dir")).Value);
        Assert.Equal("config", ((ConfigScalar)composed.Resolve("hydra.job.name")).Value);
        Assert.Null(composed.Choices["phase1/experiment"]);
        Assert.Equal(Compose.Yaml("""
            type: none
            """), ConfigYaml.Write(composed.Resolve("phase1.latent_space")));
    }

    [Fact]
    public void An_unknown_latent_space_lists_the_options()
    {
        var ex = Compose.Fails("seed004", "config", "phase1/latent_space=pca");
        Assert.Equal("In 'config': Could not find 'phase1/latent_space/pca'; available options in 'phase1/latent_space': linear, none, vq", ex.Message);
    }

    private static object? Text(ConfigNode node, string key) => ((ConfigScalar)ConfigEdit.Select(node, key)!).Value;
}
