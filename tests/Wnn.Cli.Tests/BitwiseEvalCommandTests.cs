using System.Text.Json;

namespace Wnn.Cli.Tests;

public sealed class BitwiseEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-bitwise-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private WnnProcess.Result Eval(params string[] extra) =>
        WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(20_000, 3_000), "--model", "bitwise", "--bitwise-neurons", "6", "--bitwise-bits", "12", .. extra]);

    [Fact]
    public void Bitwise_eval_matches_the_reference_evaluator_and_names_the_model()
    {
        WnnProcess.Result fast = Eval("--json", "--memory-mode", "quad_weighted", "--neuron-sample-rate", "0.5");
        WnnProcess.Result reference = Eval("--json", "--memory-mode", "quad_weighted", "--neuron-sample-rate", "0.5", "--reference");
        Assert.True(fast.ExitCode == 0, fast.Stderr);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        using JsonDocument f = JsonDocument.Parse(fast.Stdout);
        using JsonDocument r = JsonDocument.Parse(reference.Stdout);
        double ce = f.RootElement.GetProperty("ce").GetDouble();
        Assert.Equal(r.RootElement.GetProperty("ce").GetDouble(), ce, 9);
        Assert.Equal(r.RootElement.GetProperty("accuracy").GetDouble(), f.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal("bitwise", f.RootElement.GetProperty("model").GetString());
        Assert.Equal("quad_weighted", f.RootElement.GetProperty("memory_mode").GetString());
        Assert.Equal(0.5, f.RootElement.GetProperty("neuron_sample_rate").GetDouble());
        Assert.Equal(16, f.RootElement.GetProperty("clusters").GetInt32());
        Assert.Equal(96, f.RootElement.GetProperty("neurons").GetInt32());
        Assert.InRange(ce, 5, 20);
    }

    [Fact]
    public void Text_output_compares_with_the_baselines()
    {
        WnnProcess.Result text = Eval();
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("model bitwise: 16 bit-clusters, 96 neurons, memory ternary", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"CE \(nats\): RAM LM \d+\.\d{4} \| unigram \d+\.\d{4} \| bigram", text.Stdout);
    }

    [Fact]
    public void Bad_bitwise_options_are_refused_with_what_is_allowed()
    {
        WnnProcess.Result mode = Eval("--memory-mode", "quad");
        Assert.Equal(2, mode.ExitCode);
        Assert.Contains("ternary", mode.Stderr, StringComparison.Ordinal);
        WnnProcess.Result rate = Eval("--neuron-sample-rate", "0");
        Assert.Equal(2, rate.ExitCode);
        Assert.Contains("(0, 1]", rate.Stderr, StringComparison.Ordinal);
        WnnProcess.Result scale = Eval("--score-scale", "auto");
        Assert.Equal(2, scale.ExitCode);
        Assert.Contains("tiered model only", scale.Stderr, StringComparison.Ordinal);
        WnnProcess.Result model = WnnProcess.Run(_dir, ["eval", .. WnnProcess.WikiText(20_000, 3_000), "--model", "bytewise"]);
        Assert.Equal(2, model.ExitCode);
        Assert.Contains("bitwise", model.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_bitwise_reports_every_config_of_the_grid()
    {
        WnnProcess.Result run = WnnProcess.Run(_dir,
            ["bench", "bitwise", .. WnnProcess.WikiText(20_000, 3_000), "--neurons", "2,4", "--bits", "8,10", "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using JsonDocument doc = JsonDocument.Parse(run.Stdout);
        JsonElement points = doc.RootElement.GetProperty("points");
        Assert.Equal(4, points.GetArrayLength());
        Assert.Equal([2, 2, 4, 4], points.EnumerateArray().Select(p => p.GetProperty("Neurons").GetInt32()));
        Assert.Equal([8, 10, 8, 10], points.EnumerateArray().Select(p => p.GetProperty("Bits").GetInt32()));
        Assert.All(points.EnumerateArray(), p => Assert.True(p.GetProperty("Seconds").GetDouble() > 0));
        WnnProcess.Result bad = WnnProcess.Run(_dir, ["bench", "bitwise", .. WnnProcess.WikiText(20_000, 3_000), "--bits", "8,x"]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--bits: 'x'", bad.Stderr, StringComparison.Ordinal);
    }
}
