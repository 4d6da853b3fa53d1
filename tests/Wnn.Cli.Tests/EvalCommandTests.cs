using System.Text.Json;

namespace Wnn.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private WnnProcess.Result Eval(params string[] extra) =>
        WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(20_000, 3_000), "--tier-config", "50,8,14;rest,3,8", .. extra]);

    [Fact]
    public void Json_output_has_the_metrics_and_matches_the_reference_evaluator()
    {
        WnnProcess.Result fast = Eval("--json");
        WnnProcess.Result reference = Eval("--json", "--reference");
        Assert.True(fast.ExitCode == 0, fast.Stderr);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        using JsonDocument f = JsonDocument.Parse(fast.Stdout);
        using JsonDocument r = JsonDocument.Parse(reference.Stdout);
        double ce = f.RootElement.GetProperty("ce").GetDouble();
        Assert.Equal(r.RootElement.GetProperty("ce").GetDouble(), ce, 9);
        Assert.Equal(r.RootElement.GetProperty("accuracy").GetDouble(), f.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(Math.Exp(ce), f.RootElement.GetProperty("perplexity").GetDouble(), 6);
        Assert.InRange(ce, 5, 11);
        Assert.True(f.RootElement.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(2_996, f.RootElement.GetProperty("eval_tokens").GetInt32() - 4);
    }

    [Fact]
    public void Log_prior_with_a_fitted_scale_reports_the_fit_and_the_baselines_it_is_compared_with()
    {
        WnnProcess.Result plain = Eval("--json");
        WnnProcess.Result calibrated = Eval("--json", "--output-bias", "log_prior", "--score-scale", "auto");
        WnnProcess.Result baseline = WnnProcess.Run(_dir, ["baseline", .. WnnProcess.WikiText(20_000, 3_000), "--json"]);
        WnnProcess.Result text = Eval("--output-bias", "log_prior");
        Assert.True(calibrated.ExitCode == 0, calibrated.Stderr);
        Assert.True(baseline.ExitCode == 0, baseline.Stderr);
        using JsonDocument p = JsonDocument.Parse(plain.Stdout);
        using JsonDocument c = JsonDocument.Parse(calibrated.Stdout);
        using JsonDocument b = JsonDocument.Parse(baseline.Stdout);
        JsonElement root = c.RootElement;
        Assert.Equal("log_prior", root.GetProperty("output_bias").GetString());
        Assert.Equal("none", p.RootElement.GetProperty("output_bias").GetString());
        Assert.Equal(1.0, p.RootElement.GetProperty("score_scale").GetDouble());
        Assert.False(p.RootElement.TryGetProperty("score_scale_fit", out _));
        JsonElement fit = root.GetProperty("score_scale_fit");
        double tau = fit.GetProperty("score_scale").GetDouble();
        Assert.Equal(tau, root.GetProperty("score_scale").GetDouble());
        Assert.InRange(tau, 0.05, 30);
        // The last tenth of the 20,000 training tokens is held out: 2,000 tokens, 1,996 examples; 17,996 train the memory.
        Assert.Equal(1_996, fit.GetProperty("held_out_examples").GetInt32());
        Assert.Equal(17_996, fit.GetProperty("fit_examples").GetInt32());
        foreach (string model in new[] { "uniform", "unigram", "bigram", "trigram" })
        {
            Assert.Equal(b.RootElement.GetProperty(model).GetProperty("ce").GetDouble(),
                root.GetProperty("ngram_baselines").GetProperty(model).GetProperty("ce").GetDouble());
        }

        // Calibration: the prior alone takes the model from near uniform to about the unigram.
        double plainCe = p.RootElement.GetProperty("ce").GetDouble();
        double calibratedCe = root.GetProperty("ce").GetDouble();
        Assert.True(calibratedCe < plainCe - 2, $"log_prior CE {calibratedCe} vs plain {plainCe}");
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Matches(@"CE \(nats\): RAM LM \d+\.\d{4} \| unigram \d+\.\d{4} \| bigram \d+\.\d{4} \| KN trigram \d+\.\d{4} \| uniform \d+\.\d{4}", text.Stdout);
    }

    [Fact]
    public void Bench_eval_names_the_kernel_path_it_measured()
    {
        WnnProcess.Result result = WnnProcess.Run(_dir,
            ["bench", "eval", .. WnnProcess.WikiText(20_000, 3_000), "--tier-config", "50,8,14;rest,3,8", "--repetitions", "1",
                "--reference-examples", "5", "--json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        // The child runs on the same machine and runtime as this test, so it takes the same path.
        Assert.Equal(Wnn.Ram.Evaluation.EvaluatorKernels.Description, json.RootElement.GetProperty("kernels").GetString());
        Assert.Matches(@"^(scalar|Vector(128|256|512)) \(\w+\), pext (bmi2|table)$", json.RootElement.GetProperty("kernels").GetString());
        Assert.True(json.RootElement.GetProperty("full_seconds_median").GetDouble() > 0);
    }

    [Fact]
    public void A_saved_genome_evaluates_to_the_same_result()
    {
        string path = Path.Combine(_dir, "out", "g.json.gz");
        WnnProcess.Result first = Eval("--json", "--seed", "7", "--save-genome", path);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(File.Exists(path));
        WnnProcess.Result again = WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(20_000, 3_000), "--json", "--genome", path]);
        Assert.True(again.ExitCode == 0, again.Stderr);
        using JsonDocument a = JsonDocument.Parse(first.Stdout);
        using JsonDocument b = JsonDocument.Parse(again.Stdout);
        Assert.Equal(a.RootElement.GetProperty("ce").GetDouble(), b.RootElement.GetProperty("ce").GetDouble());
    }

    [Theory]
    [InlineData("--tier-config", "100,15", "--tier-config: invalid tier '100,15'")]
    [InlineData("--empty-value", "1.5", "empty value 1.5 is out of range; allowed [0, 1]")]
    [InlineData("--context", "0", "context size 0 is out of range; allowed 1..64")]
    [InlineData("--genome", "missing.json.gz", "--genome: file not found: 'missing.json.gz'")]
    [InlineData("--output-bias", "prior", "--output-bias: 'prior' is not allowed; expected one of none, log_prior")]
    [InlineData("--score-scale", "fit", "--score-scale: 'fit' is not a number or auto")]
    [InlineData("--score-scale", "31", "--score-scale: 31 is out of range; allowed (0, 30] | auto")]
    [InlineData("--prior-alpha", "0", "prior alpha 0 is out of range; allowed (0, 1000000]")]
    public void Bad_input_gives_one_line_and_exit_code_2(string option, string value, string message)
    {
        WnnProcess.Result result = WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(2_000, 500), option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void A_genome_for_another_vocabulary_is_rejected_naming_the_field()
    {
        string path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, "{\"genome\":{\"neurons_per_cluster\":[1,1],\"bits_per_neuron\":[2,2],\"connections\":[0,1,2,3]}}");
        WnnProcess.Result result = WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(2_000, 500), "--genome", path]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("neurons_per_cluster has 2 clusters but the vocabulary has 50257", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_creates_missing_folders_but_a_path_through_a_file_fails_before_any_work()
    {
        string nested = Path.Combine(_dir, "a", "b", "c", "g.json.gz");
        WnnProcess.Result made = Eval("--save-genome", nested);
        Assert.True(made.ExitCode == 0, made.Stderr);
        Assert.True(File.Exists(nested));

        File.WriteAllText(Path.Combine(_dir, "plain"), "x");
        WnnProcess.Result refused = Eval("--save-genome", Path.Combine(_dir, "plain", "g.json.gz"));
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("error: --save-genome: cannot write to '", Assert.Single(refused.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Equal("", refused.Stdout);
    }

    [Fact]
    public void A_binary_corpus_is_refused_in_one_line_and_a_cut_genome_is_reported_as_truncated()
    {
        string binary = Path.Combine(_dir, "program");
        File.WriteAllBytes(binary, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0]);
        string[] data = [.. WnnProcess.WikiText(2_000, 500)];
        data[1] = binary;
        WnnProcess.Result corpus = WnnProcess.Run(_dir, ["eval", .. data]);
        Assert.Equal(2, corpus.ExitCode);
        Assert.Contains($"corpus file '{binary}' contains a NUL byte at byte 7 (a binary file?); expected UTF-8 text", corpus.Stderr, StringComparison.Ordinal);
        Assert.Single(corpus.Stderr.Trim().Split('\n'));

        string genome = Path.Combine(_dir, "g.json.gz");
        Assert.Equal(0, Eval("--save-genome", genome).ExitCode);
        byte[] bytes = File.ReadAllBytes(genome);
        File.WriteAllBytes(genome, bytes[..(bytes.Length / 2)]);
        WnnProcess.Result cut = WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(20_000, 3_000), "--genome", genome]);
        Assert.Equal(2, cut.ExitCode);
        Assert.Contains($"--genome: truncated file '{genome}': its gzip data ends before the end of the JSON document", cut.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_into_a_directory_path_fails_before_any_work_and_writes_nothing()
    {
        string target = Path.Combine(_dir, "existing-dir");
        Directory.CreateDirectory(target);
        WnnProcess.Result result = Eval("--save-genome", target);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a directory", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void Every_command_has_help()
    {
        foreach (string[] args in new[] { new[] { "--help" }, ["eval", "--help"], ["bench", "eval", "--help"], ["data", "--help"] })
        {
            WnnProcess.Result result = WnnProcess.Run(_dir, args);
            Assert.True(result.ExitCode == 0, string.Join(' ', args) + ": " + result.Stderr);
            Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        }
    }
}
