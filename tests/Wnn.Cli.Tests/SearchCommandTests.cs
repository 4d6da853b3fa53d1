using System.Diagnostics;
using System.Text.Json;

namespace Wnn.Cli.Tests;

public sealed class SearchCommandTests : IDisposable
{
    private static readonly string[] PhaseFiles =
    [
        "phase_1a_ga_neurons.json.gz", "phase_1b_ts_neurons.json.gz", "phase_2a_ga_bits.json.gz",
        "phase_2b_ts_bits.json.gz", "phase_3a_ga_connections.json.gz", "phase_3b_ts_connections.json.gz",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-search-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A small, fast search; options in <paramref name="extra"/> replace the defaults of the same name.</summary>
    private static string[] Small(params string[] extra)
    {
        string[] defaults = ["--tier-config", "50,6,10;rest,2,6", "--ga-gens", "2", "--ts-iters", "2", "--population", "4", "--neighbors", "3",
            "--seed", "3", "--threads", "2"];
        var args = new List<string> { "search" };
        args.AddRange(WnnProcess.WikiText(6_000, 1_000));
        for (int i = 0; i < defaults.Length; i += 2)
        {
            if (!extra.Contains(defaults[i]))
            {
                args.Add(defaults[i]);
                args.Add(defaults[i + 1]);
            }
        }

        args.AddRange(extra);
        return [.. args];
    }

    [Fact]
    public void A_short_pass_writes_six_checkpoints_results_and_a_summary()
    {
        string ck = Path.Combine(_dir, "ck");
        string results = Path.Combine(_dir, "results.json");
        WnnProcess.Result r = WnnProcess.Run(_dir, Small("--checkpoint-dir", ck, "--output", results));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.All(PhaseFiles, f => Assert.True(File.Exists(Path.Combine(ck, f)), f));
        Assert.Contains("baseline CE", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("3b     ts_connections", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d pass 1 \| 1a ga_neurons \| iter 1/2", r.Stdout);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(results));
        JsonElement root = json.RootElement;
        Assert.Equal(6, root.GetProperty("phases").GetArrayLength());
        Assert.Equal(3UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(2, root.GetProperty("config").GetProperty("ga.generations").GetInt32());
        Assert.Equal(50_257, root.GetProperty("final").GetProperty("genome_stats").GetProperty("clusters").GetInt32());
        Assert.InRange(root.GetProperty("final").GetProperty("fitness").GetDouble(), 5, 11);

        // Pass 2 seeded from pass 1's results; the YAML sets patience, the override beats the flag and the YAML on the generations.
        string yaml = Path.Combine(_dir, "pass2.yaml");
        File.WriteAllText(yaml, "patience: 5\nga_generations: 9\nts_iterations: 1\nmutation_rate: 0.2\n");
        WnnProcess.Result r2 = WnnProcess.Run(_dir, Small("--pass", "2", "--seed-from", results, "--config", yaml, "--ga-gens", "4", "ga.generations=1",
            "--output", Path.Combine(_dir, "results2.json")));
        Assert.True(r2.ExitCode == 0, r2.Stderr);
        using JsonDocument json2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "results2.json")));
        Assert.Equal(5, json2.RootElement.GetProperty("patience").GetInt32());
        Assert.Equal(1, json2.RootElement.GetProperty("config").GetProperty("ga.generations").GetInt32());
        Assert.Equal(2, json2.RootElement.GetProperty("config").GetProperty("ts.iterations").GetInt32()); // explicit --ts-iters 2 beats YAML
        Assert.Equal(0.2, json2.RootElement.GetProperty("config").GetProperty("mutation.rate").GetDouble());
        Assert.Equal(root.GetProperty("final").GetProperty("fitness").GetDouble(), json2.RootElement.GetProperty("baseline").GetProperty("fitness").GetDouble(), 9);
    }

    [Fact]
    public void Without_seed_two_runs_use_seed_42_print_it_and_give_the_same_results()
    {
        string[] Args(string output)
        {
            List<string> args = [.. Small("--output", Path.Combine(_dir, output))];
            int at = args.IndexOf("--seed");
            args.RemoveRange(at, 2);
            return [.. args];
        }

        WnnProcess.Result a = WnnProcess.Run(_dir, Args("a.json"));
        WnnProcess.Result b = WnnProcess.Run(_dir, Args("b.json"));
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.Stderr + b.Stderr);
        Assert.Contains("seed 42 (default)", a.Stdout, StringComparison.Ordinal);
        using JsonDocument ja = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "a.json")));
        using JsonDocument jb = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "b.json")));
        Assert.Equal(42UL, ja.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(ja.RootElement.GetProperty("final").GetProperty("fitness").GetDouble(), jb.RootElement.GetProperty("final").GetProperty("fitness").GetDouble());
        Assert.Equal(ja.RootElement.GetProperty("final").GetProperty("genome").ToString(), jb.RootElement.GetProperty("final").GetProperty("genome").ToString());
    }

    [Theory]
    [InlineData(new[] { "--tier-config", "100,15" }, "--tier-config: config key 'model.tier_config': invalid tier '100,15'")]
    [InlineData(new[] { "--ce-percentile", "2" }, "--ce-percentile: config key 'fitness.percentile': 2 is out of range")]
    [InlineData(new[] { "--patience", "lots" }, "--patience: config key 'search.patience': 'lots' is not an integer or null")]
    [InlineData(new[] { "--fitness", "best" }, "expected one of ce, harmonic_rank, normalized, normalized_harmonic")]
    [InlineData(new[] { "--set", "mutaton_rate=0.2" }, "unknown config key 'mutaton_rate'; valid keys:")]
    [InlineData(new[] { "ga.generation=10" }, "override 'ga.generation=10': unknown config key 'ga.generation'; nearest: ga.generations")]
    [InlineData(new[] { "ga.generations=1,2" }, "is a sweep; this command runs one configuration (run sweeps with 'wnn sweep run'")]
    [InlineData(new[] { "model.context=[6" }, "override 'model.context=[6': column ")]
    [InlineData(new[] { "model.context=0" }, "override 'model.context=0': config key 'model.context': 0 is out of range")]
    [InlineData(new[] { "~model.context", "model.context=x" }, "override 'model.context=x': config key 'model.context': 'x' is not an integer")]
    [InlineData(new[] { "--resume-from", "2a" }, "--resume-from needs --checkpoint-dir")]
    [InlineData(new[] { "--resume-from", "2a", "--checkpoint-dir", "nothing-here" }, "--resume-from 2a: checkpoint of phase 1b not found")]
    [InlineData(new[] { "--resume-from", "5c", "--checkpoint-dir", "x" }, "--resume-from: '5c' is not a phase")]
    [InlineData(new[] { "--seed-from", "missing.json" }, "--seed-from: file not found")]
    [InlineData(new[] { "--config", "missing.yaml" }, "--config: cannot read config file 'missing.yaml'")]
    public void Bad_input_gives_one_line_and_exit_code_2(string[] args, string message)
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, Small(args));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_type_error_names_the_key_and_nothing_is_overwritten()
    {
        string yaml = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(yaml, "population_size: many\n");
        string output = Path.Combine(_dir, "keep.json");
        File.WriteAllText(output, "precious");
        WnnProcess.Result r = WnnProcess.Run(_dir, Small("--config", yaml, "--output", output));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config key 'population_size': 'many' is not an integer", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(output));
    }

    [Fact]
    public void An_output_path_that_is_a_directory_fails_before_any_work()
    {
        string target = Path.Combine(_dir, "out");
        Directory.CreateDirectory(target);
        WnnProcess.Result r = WnnProcess.Run(_dir, Small("--output", target));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--output: '", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Theory]
    [InlineData("search")]
    [InlineData("flow create")]
    public void Help_shows_each_config_flag_with_the_schema_doc_and_default(string command)
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, [.. command.Split(' '), "--help"]);
        Assert.Equal(0, r.ExitCode);
        string help = string.Join(' ', r.Stdout.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        ConfigScope scope = command == "search" ? ConfigScope.Search : ConfigScope.Flow;
        ConfigKeyDefinition[] keys = [.. ConfigSchema.In(scope).Where(k => k.Flag is not null)];
        Assert.True(keys.Length >= 25, $"{keys.Length} flags");
        foreach (ConfigKeyDefinition key in keys)
        {
            int at = help.IndexOf(key.Flag + " ", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{key.Flag} is listed");
            string entry = help[at..];
            int doc = entry.IndexOf($"{key.Doc} ({key.Name}", StringComparison.Ordinal);
            Assert.True(doc > 0, $"{key.Flag} shows its schema doc: {entry[..Math.Min(200, entry.Length)]}");
            if (key.Kind != ConfigValueKind.Boolean)
            {
                // A switch is off unless given; System.CommandLine shows no default for it.
                Assert.Contains($"[default: {key.DefaultText}]", entry[doc..].Split(" --", 2)[0], StringComparison.Ordinal);
            }
        }

        Assert.Contains("--ga-gens <integer> GA generations per GA phase. (ga.generations; 0..1000000) [default: 100]", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_seed_options()
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, "search", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string option in new[]
        {
            "--pass", "--patience", "--ga-gens", "--ts-iters", "--population", "--neighbors", "--train-tokens", "--eval-tokens", "--context",
            "--ce-percentile", "--checkpoint-dir", "--resume-from", "--seed-from", "--config", "--output", "--seed", "--tier-config",
            "--phase-order", "--fitness", "--empty-value", "--optimize-tier0-only",
        })
        {
            Assert.Contains(option, r.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resume_refuses_other_tokens_population_and_seed_and_applies_other_iterations()
    {
        string ck = Path.Combine(_dir, "ck");
        WnnProcess.Result first = WnnProcess.Run(_dir, Small("--checkpoint-dir", ck));
        Assert.True(first.ExitCode == 0, first.Stderr);

        string[] mixed = ["search", .. WnnProcess.WikiText(5_000, 1_000), "--checkpoint-dir", ck, "--resume-from", "3a", "--population", "3",
            "--seed", "99", "--threads", "2"];
        WnnProcess.Result refused = WnnProcess.Run(_dir, mixed);
        Assert.Equal(2, refused.ExitCode);
        string line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("data.train_tokens (checkpoint 6000, given 5000)", line, StringComparison.Ordinal);
        Assert.Contains("search.population (checkpoint 4, given 3)", line, StringComparison.Ordinal);
        Assert.Contains("run.seed (checkpoint 3, given 99)", line, StringComparison.Ordinal);

        // Only the data files and a safe key: tokens, population and seed come from the checkpoint.
        string results = Path.Combine(_dir, "resumed.json");
        string[] data = [.. WnnProcess.WikiText(6_000, 1_000).Take(6)];
        WnnProcess.Result resumed = WnnProcess.Run(_dir, ["search", .. data, "--checkpoint-dir", ck, "--resume-from", "3a", "--ts-iters", "1",
            "--threads", "2", "--output", results]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("resume: ts.iterations 2 -> 1", resumed.Stdout, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(results));
        JsonElement config = json.RootElement.GetProperty("config");
        Assert.Equal(6000, config.GetProperty("data.train_tokens").GetInt32());
        Assert.Equal(4, config.GetProperty("search.population").GetInt32());
        Assert.Equal(1, config.GetProperty("ts.iterations").GetInt32());
        Assert.Equal(3UL, json.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(3UL, config.GetProperty("run.seed").GetUInt64());
    }

    [Fact]
    public void A_resume_reuses_the_checkpoints_fitted_score_scale_instead_of_fitting_again()
    {
        string ck = Path.Combine(_dir, "ck");
        string first = Path.Combine(_dir, "first.json");
        WnnProcess.Result run = WnnProcess.Run(_dir, Small("--checkpoint-dir", ck, "--score-scale", "auto", "--output-bias", "log_prior", "--output", first));
        Assert.True(run.ExitCode == 0, run.Stderr);
        double fitted;
        using (JsonDocument results = JsonDocument.Parse(File.ReadAllText(first)))
        {
            fitted = results.RootElement.GetProperty("score_scale_fit").GetProperty("score_scale").GetDouble();
        }

        // Every checkpoint records the fit, exactly.
        string checkpoint = Path.Combine(ck, "phase_2b_ts_bits.json.gz");
        string text = ReadGzip(checkpoint);
        using (JsonDocument cp = JsonDocument.Parse(text))
        {
            Assert.Equal(fitted, cp.RootElement.GetProperty("score_scale_fit").GetProperty("score_scale").GetDouble());
        }

        // A resume uses the recorded τ as it is: planted 1.5 shows up, so it was not fitted again.
        string planted = text.Replace(
            "\"score_scale\":" + fitted.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "\"score_scale\":1.5", StringComparison.Ordinal);
        Assert.NotEqual(text, planted);
        WriteGzip(checkpoint, planted);
        string resumedPath = Path.Combine(_dir, "resumed.json");
        WnnProcess.Result resumed = WnnProcess.Run(_dir, ["search", .. WnnProcess.WikiText(6_000, 1_000).Take(6), "--checkpoint-dir", ck, "--resume-from", "3a",
            "--threads", "2", "--output", resumedPath]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("score scale auto: τ = 1.5 (", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains(", from the checkpoint", resumed.Stdout, StringComparison.Ordinal);
        using JsonDocument again = JsonDocument.Parse(File.ReadAllText(resumedPath));
        Assert.Equal(1.5, again.RootElement.GetProperty("score_scale_fit").GetProperty("score_scale").GetDouble());

        // A damaged record is refused as a corrupt checkpoint, not used.
        WriteGzip(checkpoint, text.Replace("\"score_scale\":" + fitted.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "\"score_scale\":-1", StringComparison.Ordinal));
        WnnProcess.Result bad = WnnProcess.Run(_dir, ["search", .. WnnProcess.WikiText(6_000, 1_000).Take(6), "--checkpoint-dir", ck, "--resume-from", "3a", "--threads", "2"]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("score_scale_fit needs a positive score_scale", bad.Stderr, StringComparison.Ordinal);
    }

    private static string ReadGzip(string path)
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }

    private static void WriteGzip(string path, string text)
    {
        using var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest);
        using var writer = new StreamWriter(gz);
        writer.Write(text);
    }

    [Fact]
    public async Task Sigint_writes_a_checkpoint_prints_the_resume_command_and_the_resumed_run_finishes()
    {
        string ck = Path.Combine(_dir, "ck");
        string[] args = Small("--checkpoint-dir", ck, "--ga-gens", "400", "--checkpoint-interval", "0");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wnn.dll"));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WNN_DATA"] = Path.Combine(_dir, "cache");
        using Process process = Process.Start(info)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("1a ga_neurons | iter 3/", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        using (Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Equal(130, process.ExitCode);
        string err = await stderr;
        Assert.Contains("checkpoint written to", err, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ck, "phase_1a_ga_neurons.mid.json.gz")));
        string resume = err.Split('\n').Single(l => l.StartsWith("resume with: wnn search ", StringComparison.Ordinal));
        Assert.EndsWith("--resume-from 1a", resume.TrimEnd(), StringComparison.Ordinal);

        WnnProcess.Result resumed = WnnProcess.Run(_dir, Small("--checkpoint-dir", ck, "--ga-gens", "5", "--resume-from", "1a"));
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Matches(@"1a ga_neurons \| start at iteration [3-9]", resumed.Stdout);
        Assert.All(PhaseFiles, f => Assert.True(File.Exists(Path.Combine(ck, f)), f));
    }
}
