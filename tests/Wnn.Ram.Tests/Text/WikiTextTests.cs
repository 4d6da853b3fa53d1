using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class WikiTextTests
{
    [Theory]
    [InlineData("valid.txt", 1_117_593, 256_060)]
    [InlineData("test.txt", 1_252_083, 292_942)]
    public void WikiText2_splits_have_the_measured_gpt2_token_counts(string split, int characters, int tokens)
    {
        string text = CorpusReader.ReadText(SharedData.WikiText(split), CorpusFormat.WikiText);
        Assert.Equal(characters, text.Length);
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.Load(SharedData.Gpt2RankFile);
        int[] ids = tokenizer.Encode(text);
        Assert.Equal(tokens, ids.Length);
        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public void The_standard_benchmark_setting_loads_200k_train_and_50k_eval_tokens_from_the_shared_files()
    {
        using var dir = new TempDirectory();
        var options = new DataOptions
        {
            TrainFile = SharedData.WikiText("valid.txt"),
            EvalFile = SharedData.WikiText("test.txt"),
            TokenizerFile = SharedData.Gpt2RankFile,
            TrainTokens = 200_000,
            EvalTokens = 50_000,
            CacheDirectory = dir.Path,
        };
        LoadedData first = DataSource.Load(options);
        LoadedData cached = DataSource.Load(options);
        Assert.Equal(200_000, first.TrainTokens.Length);
        Assert.Equal(50_000, first.EvalTokens.Length);
        Assert.Equal(first.TrainTokens, cached.TrainTokens);
        Assert.Equal(first.EvalTokens, cached.EvalTokens);
        Assert.Equal(new[] { 796, 8074, 20272, 9106, 3876, 385, 796, 220 }, first.TrainTokens[..8]);
    }
}
