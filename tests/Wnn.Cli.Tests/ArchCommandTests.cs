using System.Diagnostics;
using System.Text.Json;
using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Cli.Tests;

/// <summary>`wnn arch …` through the real program; counts are checked against PyTorch itself.</summary>
public sealed class ArchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-arch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Script => Path.Combine(WnnProcess.RepoRoot, "examples", "hpo", "patchtst_train.py");

    private WnnProcess.Result Wnn(params string[] args) => WnnProcess.Run(_dir, ["arch", .. args]);

    private static long TorchCount(params string[] args)
    {
        var info = new ProcessStartInfo(TorchPython.Resolve()) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("--count-params");
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"PyTorch count failed ({stderr.Trim()}); run scripts/test-prereqs.sh to install Debian's python3-torch.");
        return JsonDocument.Parse(stdout).RootElement.GetProperty("param_count").GetInt64();
    }

    [Theory]
    [InlineData("patchtst", 96, 3, 8, 384, 3)]
    [InlineData("patchtst", 256, 6, 16, 1024, 5)]
    [InlineData("transformer-encoder", 96, 3, 8, 384, 1)]
    [InlineData("transformer-encoder", 48, 12, 2, 192, 1)]
    public void Count_prints_the_count_PyTorch_gives(string model, int dModel, int layers, int heads, int dFf, int horizon)
    {
        WnnProcess.Result r = Wnn("count", "--model", model, "--d-model", $"{dModel}", "--n-layers", $"{layers}", "--n-heads", $"{heads}", "--d-ff", $"{dFf}", "--horizon", $"{horizon}", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        JsonElement json = JsonDocument.Parse(r.Stdout).RootElement;
        long torch = TorchCount($"model={model}", $"d_model={dModel}", $"n_layers={layers}", $"n_heads={heads}", $"d_ff={dFf}", $"horizon={horizon}");
        Assert.Equal(torch, json.GetProperty("param_count").GetInt64());
        Assert.Equal(dModel, json.GetProperty("d_model").GetInt32());
        Assert.Equal(model, json.GetProperty("model").GetString());
    }

    [Fact]
    public void Grid_prints_25_to_35_architectures_within_25_percent_of_2M()
    {
        WnnProcess.Result r = Wnn("grid", "--budget", "2M", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        JsonElement list = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.InRange(list.GetArrayLength(), 25, 35);
        foreach (JsonElement a in list.EnumerateArray())
        {
            Assert.Equal(["d_model", "n_layers", "n_heads", "d_ff", "param_count"], a.EnumerateObject().Select(p => p.Name));
            Assert.InRange(a.GetProperty("param_count").GetInt64(), 1_500_000, 2_500_000);
            Assert.Equal(0, a.GetProperty("d_model").GetInt32() % a.GetProperty("n_heads").GetInt32());
        }
    }

    [Theory]
    [InlineData(new[] { "count", "--d-model", "64", "--n-layers", "2", "--n-heads", "3", "--d-ff", "128" }, "n_heads 3 does not divide d_model 64")]
    [InlineData(new[] { "count", "--n-layers", "2", "--n-heads", "4", "--d-ff", "128" }, "--d-model is required")]
    [InlineData(new[] { "count", "--model", "gpt", "--d-model", "64", "--n-layers", "2", "--n-heads", "4", "--d-ff", "128" }, "model 'gpt' is unknown; allowed: patchtst, transformer-encoder")]
    [InlineData(new[] { "grid", "--budget", "100M" }, "the nearest is d512-l12")]
    [InlineData(new[] { "grid", "--budget", "two" }, "budget 'two' is not a parameter count")]
    [InlineData(new[] { "grid", "--budget", "1M", "--patch-len", "200" }, "patch_len 200 is longer than seq_len 96")]
    [InlineData(new[] { "templates" }, "--out is required")]
    [InlineData(new[] { "optimize", "--config", "missing.yaml" }, "--config: 'missing.yaml' does not exist")]
    [InlineData(new[] { "optimize" }, "--config is required")]
    public void Bad_input_is_one_line_on_stderr_with_exit_code_2(string[] args, string expected)
    {
        WnnProcess.Result r = Wnn(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void Templates_write_the_12_budget_by_horizon_configs()
    {
        string output = Path.Combine(_dir, "configs");
        WnnProcess.Result r = Wnn("templates", "--out", output, "--config", Path.Combine(WnnProcess.RepoRoot, "configs", "hpo", "architectural_search.yaml"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] names = [.. Directory.GetFiles(output).Select(Path.GetFileName).Order()!];
        Assert.Equal(12, names.Length);
        Assert.Contains("hpo_200K_h1.yaml", names);
        Assert.Contains("hpo_2M_h5.yaml", names);
        Assert.Contains("architectures:", File.ReadAllText(Path.Combine(output, "hpo_1M_h3.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_runs_a_real_sweep_that_sweep_show_and_report_see_and_resume_refuses_with_another_list()
    {
        string Config(string budget) =>
            $"budget: {budget}\nn_trials: 1\ndirection: minimize\ntrainer: {Script}\nfixed: {{data_len: 500, threads: 1}}\ntraining_search_space:\n" +
            "  learning_rate: {type: log_uniform, low: 1.0e-4, high: 1.0e-3}\n  epochs: {type: categorical, choices: [2]}\n" +
            "  batch_size: {type: categorical, choices: [256]}\n  warmup_steps: {type: categorical, choices: [1]}\n";
        string config = Path.Combine(_dir, "small.yaml");
        File.WriteAllText(config, Config("20K"));
        string sweep = Path.Combine(_dir, "sw");
        WnnProcess.Result r = Wnn("optimize", "--config", "small.yaml", "--sweep-dir", sweep, "--seed", "3", "--plain");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        string row = Assert.Single(r.Stdout.Split('\n'), l => l.StartsWith("| 0 | 0 |", StringComparison.Ordinal));
        Assert.EndsWith("| complete |", row, StringComparison.Ordinal);
        Assert.Contains("job 0: arch_idx", r.Stdout, StringComparison.Ordinal);
        foreach (string f in new[] { "0/cfg.yaml", "0/run.log", "0/metrics.jsonl", "best_params.json", "sweep.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(sweep, f)), f);
        }

        JsonElement arch = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "best_params.json"))).RootElement.GetProperty("architecture");
        long count = TorchCount($"d_model={arch.GetProperty("d_model").GetInt32()}", $"n_layers={arch.GetProperty("n_layers").GetInt32()}",
            $"n_heads={arch.GetProperty("n_heads").GetInt32()}", $"d_ff={arch.GetProperty("d_ff").GetInt32()}");
        Assert.Equal(count, arch.GetProperty("param_count").GetInt64());
        Assert.InRange(count, 15_000, 25_000);
        Assert.StartsWith("experiment,timestamp,budget,horizon,trials,best_trial,val_loss,seconds,d_model,n_layers,n_heads,d_ff,param_count",
            File.ReadAllText(Path.Combine(_dir, "experiment_log.csv")), StringComparison.Ordinal);

        WnnProcess.Result show = WnnProcess.Run(_dir, "sweep", "show", sweep);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("(arch form, study)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("1/1 jobs finished (1 complete)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("rows; arch_idx=0 passes d_model=", show.Stdout, StringComparison.Ordinal);
        WnnProcess.Result list = WnnProcess.Run(_dir, "sweep", "list", "--root", _dir);
        Assert.Contains("sw  study  1 jobs", list.Stdout, StringComparison.Ordinal);
        WnnProcess.Result csv = WnnProcess.Run(_dir, "report", sweep, "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        string header = csv.Stdout.Split('\n')[0];
        Assert.Contains("arch_idx", header, StringComparison.Ordinal);
        Assert.Contains("param_count", header, StringComparison.Ordinal);

        File.WriteAllText(config, Config("40K"));
        WnnProcess.Result refused = WnnProcess.Run(_dir, "sweep", "resume", sweep, "--trials", "2");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("the table of arch_idx changed", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(sweep, "1")));
    }
}
