using System.Text.Json;

namespace Wnn.Cli.Tests;

public sealed class BaselineCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-baseline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Json_has_the_four_baselines_on_the_same_targets_as_eval()
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, ["baseline", .. WnnProcess.WikiText(20_000, 3_000), "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(2_996, root.GetProperty("targets").GetInt32()); // 3,000 eval tokens minus the default context of 4
        Assert.Equal(-Math.Log((1.0 / 50_257) + 1e-10), root.GetProperty("uniform").GetProperty("ce").GetDouble(), 9); // the RAM LM's CE: −ln(p + 1e-10)
        double previous = double.MaxValue;
        foreach (string model in new[] { "uniform", "unigram", "bigram", "trigram" })
        {
            JsonElement m = root.GetProperty(model);
            double ce = m.GetProperty("ce").GetDouble();
            Assert.Equal(Math.Exp(ce), m.GetProperty("perplexity").GetDouble(), 3);
            Assert.InRange(m.GetProperty("accuracy").GetDouble(), 0, 1);
            Assert.True(ce < previous, $"{model} CE {ce} is not below the simpler model's {previous}");
            previous = ce;
        }
    }

    [Fact]
    public void A_bad_alpha_is_one_line_with_exit_code_2()
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, ["baseline", .. WnnProcess.WikiText(2_000, 500), "--unigram-alpha", "0"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unigram alpha 0 is out of range; allowed a finite number > 0", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }
}
