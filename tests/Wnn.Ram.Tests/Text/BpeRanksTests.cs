using System.Text;
using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class BpeRanksTests
{
    // Tokens a, b, ab, abb in two groups; the module mimics js-tiktoken's dist/ranks/*.js layout.
    private const string CompactModule =
        "export default {\"explicit_n_vocab\":5,\"pat_str\":\"x\",\"special_tokens\":{\"<|endoftext|>\":4},"
        + "\"bpe_ranks\":\"! 0 YQ== Yg==\\n! 2 YWI= YWJi\"};";

    [Fact]
    public void Parses_the_compact_js_tiktoken_form_into_consecutive_ranks()
    {
        BpeRanks ranks = BpeRanks.ParseCompact(CompactModule);
        Assert.Equal(4, ranks.Count);
        Assert.Equal("a"u8.ToArray(), ranks[0].ToArray());
        Assert.Equal("b"u8.ToArray(), ranks[1].ToArray());
        Assert.Equal("ab"u8.ToArray(), ranks[2].ToArray());
        Assert.Equal("abb"u8.ToArray(), ranks[3].ToArray());
    }

    [Fact]
    public void Converts_the_compact_form_to_tiktoken_text()
    {
        byte[] tiktoken = BpeRanks.ParseCompact(CompactModule).ToTiktoken();
        Assert.Equal("YQ== 0\nYg== 1\nYWI= 2\nYWJi 3\n", Encoding.UTF8.GetString(tiktoken));
        Assert.Equal(tiktoken, BpeRanks.ParseTiktoken(Encoding.UTF8.GetString(tiktoken)).ToTiktoken());
    }

    [Theory]
    [InlineData("abab", new[] { 2, 2 })]
    [InlineData("abb", new[] { 3 })]
    [InlineData("bab", new[] { 1, 2 })]
    [InlineData("ba", new[] { 1, 0 })]
    public void A_tokenizer_over_hand_made_ranks_merges_the_lowest_ranked_pair_first(string text, int[] expected)
    {
        var tokenizer = new Gpt2Tokenizer(BpeRanks.ParseCompact(CompactModule));
        Assert.Equal(expected, tokenizer.Encode(text));
        Assert.Equal(5, tokenizer.VocabularySize);
        Assert.Equal(4, tokenizer.EndOfText);
        Assert.StartsWith("bpe-", tokenizer.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("YQ== 0\nYg== 2\n", "ranks must be 0 .. 1 without gaps; found 2")]
    [InlineData("YQ== 0\nYQ== 1\n", "appears twice")]
    [InlineData("YQ== 0\nYg== 0\n", "rank 0 appears twice")]
    [InlineData("YQ==\n", "line 1: expected 'base64 rank'")]
    [InlineData("!!!! 0\n", "line 1: '!!!!' is not base64")]
    public void Rejects_a_broken_tiktoken_file_naming_the_problem(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => BpeRanks.ParseTiktoken(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_compact_module_without_bpe_ranks()
    {
        var ex = Assert.Throws<FormatException>(() => BpeRanks.ParseCompact("export default {\"pat_str\":\"x\"};"));
        Assert.Contains("'bpe_ranks'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_the_compact_form_from_a_file_by_its_content()
    {
        using var dir = new TempDirectory();
        string path = dir.File("gpt2.js", CompactModule);
        Assert.Equal(4, BpeRanks.Load(path).Count);
    }

    [Fact]
    public void A_missing_rank_file_is_reported_with_its_path_and_the_accepted_formats()
    {
        var ex = Assert.Throws<DataException>(() => Gpt2Tokenizer.Load("/nonexistent/gpt2.tiktoken"));
        Assert.Equal(
            "tokenizer file '/nonexistent/gpt2.tiktoken' does not exist; accepted: a tiktoken rank file (gpt2.tiktoken, "
            + "'base64 rank' lines) or js-tiktoken's dist/ranks/gpt2.js",
            ex.Message);
    }

    [Fact]
    public void The_shared_rank_file_has_the_published_sha256()
    {
        Assert.Equal(BpeRanks.Gpt2Sha256, BpeRanks.Load(SharedData.Gpt2RankFile).Sha256());
    }
}
