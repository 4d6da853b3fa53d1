using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class DataCacheTests
{
    [Fact]
    public void An_empty_data_folder_lists_gpt2_and_brown_as_missing_with_the_fetch_command()
    {
        using var dir = new TempDirectory();
        IReadOnlyList<CachedItem> items = new DataCache(dir.Path).List();
        Assert.Equal(
            new[]
            {
                new CachedItem("gpt2", dir.Combine("gpt2.tiktoken"), false, 0, "missing: run `./wnn data fetch gpt2`"),
                new CachedItem("brown", dir.Combine("brown"), false, 0, "missing: run `./wnn data fetch brown`"),
            },
            items);
    }

    [Fact]
    public void Lists_the_rank_file_the_Brown_files_and_every_token_cache_file_with_sizes()
    {
        using var dir = new TempDirectory();
        var cache = new DataCache(dir.Path);
        File.Copy(SharedData.Gpt2RankFile, cache.Gpt2RankFile);
        dir.File(Path.Combine("brown", "ca01"), "A/at dog/nn");
        dir.File(Path.Combine("brown", "README"), "r");
        new TokenCache(cache.TokensDirectory).GetOrEncode("a b a", WordTokenizer.Build("a b", 5));
        IReadOnlyList<CachedItem> items = cache.List();
        Assert.Equal(3, items.Count);
        Assert.Equal(new CachedItem("gpt2", cache.Gpt2RankFile, true, 835_554, "GPT-2 BPE ranks (tiktoken format)"), items[0]);
        Assert.Equal(new CachedItem("brown", cache.BrownDirectory, true, 12, "Brown corpus, 1 files"), items[1]);
        Assert.Equal("tokens", items[2].Name);
        Assert.Equal($"3 tokens, {WordTokenizer.Build("a b", 5).Name} (V=3)", items[2].Detail);
    }
}
