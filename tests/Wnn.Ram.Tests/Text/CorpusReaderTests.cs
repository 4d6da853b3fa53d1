using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class CorpusReaderTests
{
    [Fact]
    public void WikiText_drops_blank_lines_and_joins_the_rest_with_one_space_keeping_their_spaces()
    {
        using var dir = new TempDirectory();
        string path = dir.File("wiki.txt", " \n = Homarus gammarus = \n \n Homarus gammarus , known \n\n  tail\n");
        Assert.Equal(" = Homarus gammarus =   Homarus gammarus , known    tail", CorpusReader.ReadText(path, CorpusFormat.WikiText));
    }

    [Fact]
    public void Plain_text_with_crlf_lines_is_joined_the_same_way()
    {
        using var dir = new TempDirectory();
        string path = dir.File("plain.txt", "First line.\r\n\r\nSecond line, café.\r\n");
        Assert.Equal("First line. Second line, café.", CorpusReader.ReadText(path, CorpusFormat.Text));
    }

    [Fact]
    public void Brown_tags_are_stripped_after_the_last_slash()
    {
        const string tagged = "\n\n\tThe/at Fulton/np-tl jury/nn ./.\n\n\n\t1-1/2/cd //in ``/`` hard-fought/jj ''/''\n";
        Assert.Equal("The Fulton jury . 1-1/2 / `` hard-fought ''", CorpusReader.StripBrownTags(tagged));
    }

    [Fact]
    public void A_Brown_directory_reads_its_corpus_files_in_name_order_and_ignores_the_rest()
    {
        using var dir = new TempDirectory();
        dir.File("cb01", "Second/at file/nn");
        dir.File("ca01", "\tFirst/at file/nn ./.");
        dir.File("README", "not/corpus");
        dir.File("cats.txt", "ca01 news");
        Assert.Equal("First file . Second file", CorpusReader.ReadText(dir.Path, CorpusFormat.Brown));
        Assert.Equal(new[] { "ca01", "cb01" }, CorpusReader.BrownFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_single_Brown_file_can_be_read()
    {
        using var dir = new TempDirectory();
        Assert.Equal("A dog", CorpusReader.ReadText(dir.File("ca01", "A/at dog/nn"), CorpusFormat.Brown));
    }

    [Fact]
    public void A_missing_corpus_file_is_reported_with_its_path_and_the_accepted_formats()
    {
        var ex = Assert.Throws<DataException>(() => CorpusReader.ReadText("/nonexistent/valid.txt", CorpusFormat.WikiText));
        Assert.Equal(
            "corpus file '/nonexistent/valid.txt' does not exist; accepted formats: wikitext (WikiText token file), "
            + "text (plain UTF-8), brown (Brown corpus directory or word/tag file)",
            ex.Message);
    }

    [Fact]
    public void A_directory_without_Brown_files_is_reported()
    {
        using var dir = new TempDirectory();
        dir.File("notes.txt", "x");
        var ex = Assert.Throws<DataException>(() => CorpusReader.ReadText(dir.Path, CorpusFormat.Brown));
        Assert.Equal($"Brown corpus directory '{dir.Path}' has no corpus files (names like ca01 … cr09)", ex.Message);
    }

    [Theory]
    [InlineData("wikitext", CorpusFormat.WikiText)]
    [InlineData("TEXT", CorpusFormat.Text)]
    [InlineData(" brown ", CorpusFormat.Brown)]
    public void Parses_format_names(string name, CorpusFormat expected)
    {
        Assert.Equal(expected, CorpusReader.ParseFormat(name));
    }

    [Fact]
    public void An_unknown_format_name_lists_the_accepted_ones()
    {
        var ex = Assert.Throws<DataException>(() => CorpusReader.ParseFormat("csv"));
        Assert.StartsWith("unknown corpus format 'csv'; accepted: wikitext", ex.Message, StringComparison.Ordinal);
    }
}
