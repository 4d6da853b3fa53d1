using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class CharacterTokenizerTests
{
    [Fact]
    public void A_character_outside_the_basic_plane_is_one_token()
    {
        CharacterTokenizer tokenizer = CharacterTokenizer.Build("x🙂x");
        Assert.Equal(3, tokenizer.VocabularySize);
        Assert.Equal(new[] { 1, 2, 1 }, tokenizer.Encode("x🙂x"));
        Assert.Equal("🙂x", tokenizer.Decode([2, 1]));
        Assert.StartsWith("char3-", tokenizer.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_tokenizer_file_for_the_char_tokenizer()
    {
        var options = new DataOptions { Tokenizer = TokenizerKind.Character, TokenizerFile = "v.txt" };
        Assert.Equal(
            "the char tokenizer builds its vocabulary from the training text; remove the tokenizer file 'v.txt'",
            Assert.Throws<DataException>(options.Validate).Message);
    }
}
