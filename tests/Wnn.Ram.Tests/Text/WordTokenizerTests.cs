using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class WordTokenizerTests
{
    private const string Training = "b a c a\nb a d <unk> <unk> e";

    [Fact]
    public void Keeps_the_most_frequent_words_after_unk_with_ties_in_ordinal_order()
    {
        WordTokenizer tokenizer = WordTokenizer.Build(Training, 4);
        Assert.Equal(new[] { "<unk>", "a", "b", "c", "d" }, tokenizer.Words);
        Assert.Equal(5, tokenizer.VocabularySize);
        Assert.Null(tokenizer.EndOfText);
    }

    [Fact]
    public void Encodes_unknown_words_as_unk()
    {
        WordTokenizer tokenizer = WordTokenizer.Build(Training, 2);
        Assert.Equal(new[] { 1, 0, 2, 0, 0 }, tokenizer.Encode("a  c\tb e <unk>"));
        Assert.Equal("a <unk> b", tokenizer.Decode([1, 0, 2]));
    }

    [Fact]
    public void A_saved_vocabulary_loads_back_with_the_same_ids_and_name()
    {
        using var dir = new TempDirectory();
        WordTokenizer built = WordTokenizer.Build(Training, 3);
        string path = dir.Combine("vocab.txt");
        built.Save(path);
        Assert.Equal("<unk>\na\nb\nc\n", File.ReadAllText(path));
        WordTokenizer loaded = WordTokenizer.Load(path);
        Assert.Equal(built.Words, loaded.Words);
        Assert.Equal(built.Name, loaded.Name);
        Assert.Equal(built.Encode("c b a x"), loaded.Encode("c b a x"));
    }

    [Fact]
    public void Different_vocabularies_of_the_same_size_have_different_names()
    {
        Assert.NotEqual(WordTokenizer.Build("a b", 2).Name, WordTokenizer.Build("a c", 2).Name);
        Assert.StartsWith("word3-", WordTokenizer.Build("a b", 2).Name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vocabulary_file_without_unk_gets_it_as_id_zero()
    {
        using var dir = new TempDirectory();
        WordTokenizer loaded = WordTokenizer.Load(dir.File("v.txt", "x\ny\n"));
        Assert.Equal(new[] { "<unk>", "x", "y" }, loaded.Words);
    }

    [Fact]
    public void A_missing_vocabulary_file_is_reported_with_its_path()
    {
        var ex = Assert.Throws<DataException>(() => WordTokenizer.Load("/nonexistent/vocab.txt"));
        Assert.Equal("word vocabulary file '/nonexistent/vocab.txt' does not exist; expected one word per line, '<unk>' first", ex.Message);
    }
}
