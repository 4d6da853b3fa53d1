using System.Text.Json;

namespace Wnn.Cli.Tests;

/// <summary><c>wnn config show</c> run as a real process on the config trees checked in with the composition tests.</summary>
public sealed class ConfigShowCommandTests : IDisposable
{
    private static readonly string Configs = Path.Combine(WnnProcess.RepoRoot, "tests", "Wnn.Experiments.Tests", "Config", "Composition", "configs");
    private readonly string _work = Path.Combine(Path.GetTempPath(), "wnn-config-show-" + Guid.NewGuid().ToString("N"));

    public ConfigShowCommandTests() => Directory.CreateDirectory(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Seed_004_experiment_on_local_prints_the_composed_job_config()
    {
        WnnProcess.Result r = Show("--config-dir", Path.Combine(Configs, "seed004"), "--config-name", "config", "phase1/experiment=compare_globals_heads", "env=local");
        Assert.Equal("", r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("""
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

            """.ReplaceLineEndings("\n"), r.Stdout);
    }

    [Fact]
    public void The_hydra_section_resolves_the_sweep_directory_with_the_given_clock_and_job()
    {
        WnnProcess.Result r = Show("-cd", Path.Combine(Configs, "seed004"), "-cn", "config", "--cfg", "hydra", "--now", "2025-10-31T12:00:00+00:00", "--job-num", "3",
            "phase1/experiment=compare_globals_heads", "env=local");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("    dir: ./outputs/experiments/exp_20251031-120000_compare_globals_heads\n    subdir: 3\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("    name: compare_globals_heads\n", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("seed: 42", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_prints_interpolations_as_written()
    {
        WnnProcess.Result r = Show("-cd", Path.Combine(Configs, "seed004"), "-cn", "config", "--cfg", "all", "--unresolved", "phase1/experiment=compare_globals_heads");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("    dir: ${env.output_root}/experiments/exp_${now:%Y%m%d-%H%M%S}_${experiment.name}\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("  output_root: /scratch/${oc.env:USER,nobody}/thesis\n", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_keeps_types_and_key_order()
    {
        WnnProcess.Result r = Show("-cd", Path.Combine(Configs, "first_app"), "-cn", "config", "--json", "db=postgresql", "db.timeout=20", "+db.ssl=true");
        Assert.Equal(0, r.ExitCode);
        JsonElement db = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("db");
        Assert.Equal(["driver", "pass", "timeout", "user", "ssl"], db.EnumerateObject().Select(p => p.Name));
        Assert.Equal(20, db.GetProperty("timeout").GetInt64());
        Assert.True(db.GetProperty("ssl").GetBoolean());
    }

    [Fact]
    public void Without_a_config_directory_added_keys_compose()
    {
        WnnProcess.Result r = Show("+a.b=1", "+name=x_${a.b}");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("a:\n  b: 1\nname: x_1\n", r.Stdout);
    }

    [Theory]
    [InlineData("db.port=3306", "error: Could not override 'db.port': key 'db.port' is not in the config. To append to your config use +db.port=3306")]
    [InlineData("db=oracle", "error: In 'config': Could not find 'db/oracle'; available options in 'db': mysql, postgresql")]
    [InlineData("+db.user=root", "error: Could not append to config. An item is already at 'db.user'. Either remove + prefix: 'db.user=root' Or add a second + to add or override 'db.user': '++db.user=root'")]
    public void A_bad_override_is_one_line_on_stderr_and_exit_code_2(string overrideText, string expected)
    {
        WnnProcess.Result r = Show("-cd", Path.Combine(Configs, "first_app"), "-cn", "config", overrideText);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal(expected + "\n", r.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_missing_config_directory_is_exit_code_2()
    {
        WnnProcess.Result r = Show("-cd", Path.Combine(_work, "absent"), "-cn", "config");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: config directory '", r.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("' does not exist\n", r.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private WnnProcess.Result Show(params string[] args) => WnnProcess.Run(_work, ["config", "show", .. args]);
}
