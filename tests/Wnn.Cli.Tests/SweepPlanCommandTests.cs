using System.Text.Json;

namespace Wnn.Cli.Tests;

/// <summary><c>wnn sweep plan</c> run as a real process.</summary>
public sealed class SweepPlanCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-sweep-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private WnnProcess.Result Plan(params string[] args) => WnnProcess.Run(_dir, ["sweep", "plan", .. args]);

    [Fact]
    public void Json_job_list_of_the_issue_example()
    {
        WnnProcess.Result r = Plan("--json", "--", "a=1,2", "b=10,11");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("""[["a=1","b=10"],["a=1","b=11"],["a=2","b=10"],["a=2","b=11"]]""", r.Stdout.Trim());
    }

    [Fact]
    public void Values_are_written_as_Hydra_writes_them_and_json_is_not_html_escaped()
    {
        WnnProcess.Result r = Plan("--json", "--", "+lr=1e-5,0.1", "x='a b'", "~y", "flag=true");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("""[["+lr=1e-05","x='a b'","~y=null","flag=True"],["+lr=0.1","x='a b'","~y=null","flag=True"]]""", r.Stdout.Trim());
    }

    [Fact]
    public void Readable_list_is_numbered_like_Hydras_launcher_log()
    {
        WnnProcess.Result r = Plan("--", "db=mysql,postgresql", "n=range(2)");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(["4 jobs", "#0 : db=mysql n=0", "#1 : db=mysql n=1", "#2 : db=postgresql n=0", "#3 : db=postgresql n=1"],
            r.Stdout.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Config_dir_sweeper_params_come_first_and_glob_reads_group_options()
    {
        string conf = Path.Combine(_dir, "conf");
        Directory.CreateDirectory(Path.Combine(conf, "phase1", "latent_space"));
        foreach (string o in new[] { "vq", "none", "linear" })
        {
            File.WriteAllText(Path.Combine(conf, "phase1", "latent_space", o + ".yaml"), "kind: " + o + "\n");
        }

        File.WriteAllText(Path.Combine(conf, "exp.yaml"),
            "seed: 0\nphase1:\n  decoder:\n    globals_beta: 1.0\nhydra:\n  sweeper:\n    params:\n      phase1/latent_space: glob(*)\n      phase1.decoder.globals_beta: 0,1,10\n");
        WnnProcess.Result r = Plan("--config-dir", conf, "--config-name", "exp", "--json", "--", "phase1.decoder.globals_beta=1", "seed=7");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[][] jobs = JsonSerializer.Deserialize<string[][]>(r.Stdout)!;
        Assert.Equal(3, jobs.Length);
        Assert.Equal(["phase1/latent_space=linear", "phase1.decoder.globals_beta=1", "seed=7"], jobs[0]);
        Assert.Equal(["phase1/latent_space=vq", "phase1.decoder.globals_beta=1", "seed=7"], jobs[2]);
    }

    [Fact]
    public void Seed_004_experiment_selected_by_an_override_sweeps_its_params_in_Hydras_order()
    {
        string conf = Path.Combine(WnnProcess.RepoRoot, "tests", "Wnn.Experiments.Tests", "Config", "Composition", "configs", "seed004");
        WnnProcess.Result r = Plan("--config-dir", conf, "--config-name", "config", "--json", "--", "phase1/experiment=compare_globals_heads", "env=local");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[][] jobs = JsonSerializer.Deserialize<string[][]>(r.Stdout)!;
        Assert.Equal(9, jobs.Length);
        Assert.Equal(["phase1/latent_space=none", "phase1.decoder.globals_beta=0", "phase1/experiment=compare_globals_heads", "env=local"], jobs[0]);
        Assert.Equal(["phase1/latent_space=none", "phase1.decoder.globals_beta=1", "phase1/experiment=compare_globals_heads", "env=local"], jobs[1]);
        Assert.Equal(["phase1/latent_space=vq", "phase1.decoder.globals_beta=10", "phase1/experiment=compare_globals_heads", "env=local"], jobs[8]);
    }

    [Fact]
    public void A_key_the_config_lacks_is_a_composition_error()
    {
        string conf = Path.Combine(WnnProcess.RepoRoot, "tests", "Wnn.Experiments.Tests", "Config", "Composition", "configs", "seed004");
        WnnProcess.Result r = Plan("--config-dir", conf, "--config-name", "config", "--", "nokey=1", "seed=1,2");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: Could not override 'nokey': key 'nokey' is not in the config. To append to your config use +nokey=1\n", r.Stderr.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("key=[]aa", "column 7: extraneous input 'aa'; expected end of input")]
    [InlineData("$foo/bar=x", "column 5: mismatched input '/'; expected '=' or '@'")]
    [InlineData("lr=interval(0,1)", "needs a sampler")]
    [InlineData("x=int(nan)", "ValueError while evaluating 'int(nan)'")]
    [InlineData("db=glob(*)", "give a config directory (--config-dir)")]
    public void Bad_overrides_give_one_line_and_exit_code_2(string text, string message)
    {
        WnnProcess.Result r = Plan("--json", "--", "a=1,2", text);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal("", r.Stdout.Trim());
    }

    [Fact]
    public void A_missing_config_is_exit_code_2()
    {
        WnnProcess.Result r = Plan("--config-dir", _dir, "--config-name", "nope", "--", "a=1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Cannot find primary config 'nope'", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }
}
