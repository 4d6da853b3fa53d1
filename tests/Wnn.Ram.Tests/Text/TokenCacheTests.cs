using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class TokenCacheTests
{
    private static readonly WordTokenizer Words = WordTokenizer.Build("the cat sat on the mat", 10);

    [Fact]
    public void A_second_request_for_the_same_text_is_answered_from_the_cache()
    {
        using var dir = new TempDirectory();
        var cache = new TokenCache(dir.Path);
        int[] first = cache.GetOrEncode("the cat sat on a mat", Words, out bool firstFromCache);
        int[] second = new TokenCache(dir.Path).GetOrEncode("the cat sat on a mat", Words, out bool secondFromCache);
        Assert.False(firstFromCache);
        Assert.True(secondFromCache);
        Assert.Equal(new[] { 1, 2, 5, 4, 0, 3 }, first);
        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void The_cache_file_has_the_documented_layout()
    {
        using var dir = new TempDirectory();
        var cache = new TokenCache(dir.Path);
        cache.GetOrEncode("the cat", Words);
        string path = cache.PathFor(Words, "the cat");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal("WNTK"u8.ToArray(), bytes[..4]);
        Assert.Equal(2, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(4 + 4 + 4 + Words.Name.Length + 4 + 32 + 4 + (2 * 4) + 32, bytes.Length);
        Assert.Equal((Words.Name, 6, 2), TokenCache.ReadHeader(path));
        Assert.StartsWith(Words.Name + "-v6-", Path.GetFileName(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_text_is_encoded_again_and_not_served_the_old_tokens()
    {
        using var dir = new TempDirectory();
        var cache = new TokenCache(dir.Path);
        cache.GetOrEncode("the cat", Words);
        int[] changed = cache.GetOrEncode("the mat", Words, out bool fromCache);
        Assert.False(fromCache);
        Assert.Equal(new[] { 1, 3 }, changed);
    }

    [Fact]
    public void Another_tokenizer_does_not_share_the_cache_entry()
    {
        using var dir = new TempDirectory();
        var cache = new TokenCache(dir.Path);
        cache.GetOrEncode("the cat", Words);
        int[] other = cache.GetOrEncode("the cat", WordTokenizer.Build("cat the", 10), out bool fromCache);
        Assert.False(fromCache);
        Assert.Equal(new[] { 2, 1 }, other);
    }

    [Fact]
    public void A_truncated_cache_file_is_ignored_and_rebuilt()
    {
        using var dir = new TempDirectory();
        var cache = new TokenCache(dir.Path);
        int[] expected = cache.GetOrEncode("the cat sat", Words);
        string path = cache.PathFor(Words, "the cat sat");
        byte[] full = File.ReadAllBytes(path);
        File.WriteAllBytes(path, full[..^5]);
        int[] rebuilt = cache.GetOrEncode("the cat sat", Words, out bool fromCache);
        Assert.False(fromCache);
        Assert.Equal(expected, rebuilt);
        Assert.Equal(full, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_cache_file_with_a_flipped_token_byte_is_ignored_and_rebuilt()
    {
        using var dir = new TempDirectory();
        var cache = new TokenCache(dir.Path);
        int[] expected = cache.GetOrEncode("the cat sat", Words);
        string path = cache.PathFor(Words, "the cat sat");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^33] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Equal(expected, cache.GetOrEncode("the cat sat", Words, out bool fromCache));
        Assert.False(fromCache);
    }

    [Fact]
    public void Garbage_in_place_of_a_cache_file_is_ignored_and_rebuilt()
    {
        using var dir = new TempDirectory();
        var cache = new TokenCache(dir.Path);
        string path = cache.PathFor(Words, "the cat");
        File.WriteAllText(path, "not a cache file");
        Assert.Equal(new[] { 1, 2 }, cache.GetOrEncode("the cat", Words, out bool fromCache));
        Assert.False(fromCache);
        Assert.Null(TokenCache.ReadHeader(dir.File("x.tokens", "WNTK")));
    }
}
