using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class WikiTextTests
{
    // The id hashes are the SHA-256 of the ids written one per line ("15496\n995\n…"), equal to those of js-tiktoken
    // 1.0.21 (gpt2 ranks, encode with no special tokens) run under Node.js on the same joined text.
    [Theory]
    [InlineData("valid.txt", 1_117_593, 256_060, "4601ec084c32abf95c8a63f4799d45b54844eb8a150fa596cfd4d72fc52dd5f6")]
    [InlineData("test.txt", 1_252_083, 292_942, "b4c27530d3ea5a3972c19fd7a88ff35bff53552f084d21e0fe9df1034682ff5b")]
    public void WikiText2_splits_encode_to_the_same_ids_as_js_tiktoken(string split, int characters, int tokens, string idsSha256)
    {
        string text = CorpusReader.ReadText(SharedData.WikiText(split), CorpusFormat.WikiText);
        Assert.Equal(characters, text.Length);
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.Load(SharedData.Gpt2RankFile);
        int[] ids = tokenizer.Encode(text);
        Assert.Equal(tokens, ids.Length);
        string lines = string.Concat(ids.Select(id => id.ToString(CultureInfo.InvariantCulture) + "\n"));
        Assert.Equal(idsSha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines))));
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
