using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class DataSourceTests
{
    [Fact]
    public void Without_files_the_fetched_Brown_corpus_is_split_ninety_ten_by_file_name_with_gpt2()
    {
        using var dir = new TempDirectory();
        File.Copy(SharedData.Gpt2RankFile, dir.Combine("gpt2.tiktoken"));
        for (int i = 1; i <= 10; i++)
        {
            dir.File(Path.Combine("brown", $"ca{i:D2}"), $"Hello/uh world/nn {i}/cd");
        }

        LoadedData data = DataSource.Load(new DataOptions { CacheDirectory = dir.Path });
        Assert.Equal("gpt2", data.Tokenizer.Name);
        Assert.Equal("Hello world 1 Hello world 2 Hello world 3 Hello world 4 Hello world 5 Hello world 6 Hello world 7 Hello world 8 Hello world 9",
            data.Tokenizer.Decode(data.TrainTokens));
        Assert.Equal("Hello world 10", data.Tokenizer.Decode(data.EvalTokens));
        Assert.Equal(new[] { 15496, 995, 838 }, data.EvalTokens);
        Assert.Equal(
            "tokenizer gpt2 (V=50257); train fetched Brown corpus ca01-ca09 (9 files): 27 tokens; "
            + "eval fetched Brown corpus ca10-ca10 (1 file): 3 tokens",
            data.Description);
        Assert.Equal(2, Directory.GetFiles(dir.Combine("tokens"), "*.tokens").Length);
    }

    [Fact]
    public void Caps_keep_the_first_tokens()
    {
        using var dir = new TempDirectory();
        string train = dir.File("train.txt", "a b c d e f\n\ng h\n");
        string eval = dir.File("eval.txt", "a x b\n");
        LoadedData data = DataSource.Load(new DataOptions
        {
            TrainFile = train,
            EvalFile = eval,
            Format = CorpusFormat.Text,
            Tokenizer = TokenizerKind.Word,
            WordVocabularySize = 3,
            TrainTokens = 5,
            EvalTokens = 2,
            CacheDirectory = dir.Combine("cache"),
        });
        Assert.Equal(new[] { "<unk>", "a", "b", "c" }, ((WordTokenizer)data.Tokenizer).Words);
        Assert.Equal(new[] { 1, 2, 3, 0, 0 }, data.TrainTokens);
        Assert.Equal(new[] { 1, 0 }, data.EvalTokens);
        Assert.EndsWith("train " + train + " (text): first 5 of 8 tokens; eval " + eval + " (text): first 2 of 3 tokens", data.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_vocabulary_file_is_used_as_given()
    {
        using var dir = new TempDirectory();
        LoadedData data = DataSource.Load(new DataOptions
        {
            TrainFile = dir.File("train.txt", "a b c"),
            EvalFile = dir.File("eval.txt", "c b"),
            Tokenizer = TokenizerKind.Word,
            TokenizerFile = dir.File("vocab.txt", "<unk>\nc\n"),
            CacheDirectory = dir.Combine("cache"),
        });
        Assert.Equal(new[] { 0, 0, 1 }, data.TrainTokens);
        Assert.Equal(new[] { 1, 0 }, data.EvalTokens);
    }

    [Fact]
    public void A_Brown_directory_given_as_train_file_is_split_by_files()
    {
        using var dir = new TempDirectory();
        dir.File(Path.Combine("corpus", "ca01"), "one/cd");
        dir.File(Path.Combine("corpus", "ca02"), "two/cd");
        LoadedData data = DataSource.Load(new DataOptions
        {
            TrainFile = dir.Combine("corpus"),
            Tokenizer = TokenizerKind.Word,
            CacheDirectory = dir.Combine("cache"),
        });
        Assert.Equal("one", data.Tokenizer.Decode(data.TrainTokens));
        Assert.Equal(new[] { 0 }, data.EvalTokens);
    }

    [Fact]
    public void Missing_fetched_Brown_corpus_tells_to_run_wnn_data_fetch()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<DataException>(() => DataSource.Load(new DataOptions { CacheDirectory = dir.Path }));
        Assert.StartsWith($"no training data: the Brown corpus is not in {dir.Combine("brown")}; run `./wnn data fetch brown`, or supply", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fetched_gpt2_ranks_tell_to_run_wnn_data_fetch()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<DataException>(() => DataSource.Load(new DataOptions
        {
            TrainFile = dir.File("train.txt", "a"),
            EvalFile = dir.File("eval.txt", "b"),
            CacheDirectory = dir.Path,
        }));
        Assert.Equal(
            $"the GPT-2 tokenizer is not in {dir.Combine("gpt2.tiktoken")}; run `./wnn data fetch gpt2`, or pass --tokenizer-file PATH "
            + "(a gpt2.tiktoken rank file or js-tiktoken's dist/ranks/gpt2.js)",
            ex.Message);
    }

    [Fact]
    public void A_missing_train_file_names_its_path_and_the_accepted_formats()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<DataException>(() => DataSource.Load(new DataOptions
        {
            TrainFile = dir.Combine("nope.txt"),
            EvalFile = dir.File("eval.txt", "b"),
            Tokenizer = TokenizerKind.Word,
            CacheDirectory = dir.Path,
        }));
        Assert.Equal($"corpus file '{dir.Combine("nope.txt")}' does not exist; accepted formats: {CorpusReader.FormatNames}", ex.Message);
    }

    [Fact]
    public void A_single_train_file_without_an_eval_file_is_refused()
    {
        using var dir = new TempDirectory();
        string train = dir.File("train.txt", "a");
        var ex = Assert.Throws<DataException>(() => DataSource.Load(new DataOptions { TrainFile = train, CacheDirectory = dir.Path }));
        Assert.Equal($"train file '{train}' needs an eval file (--eval-file PATH); only a Brown corpus directory is split automatically", ex.Message);
    }

    [Theory]
    [InlineData(0, null, 10, "train tokens cap 0 must be at least 1 (or unset for all tokens)")]
    [InlineData(null, -1, 10, "eval tokens cap -1 must be at least 1 (or unset for all tokens)")]
    [InlineData(null, null, 0, "word vocabulary size 0 must be at least 1")]
    public void Invalid_options_are_named(int? trainTokens, int? evalTokens, int words, string expected)
    {
        var options = new DataOptions { TrainTokens = trainTokens, EvalTokens = evalTokens, WordVocabularySize = words };
        Assert.Equal(expected, Assert.Throws<DataException>(options.Validate).Message);
    }

    [Theory]
    [InlineData("gpt2", TokenizerKind.Gpt2)]
    [InlineData("Word", TokenizerKind.Word)]
    [InlineData("char", TokenizerKind.Character)]
    public void Parses_tokenizer_names(string name, TokenizerKind expected)
    {
        Assert.Equal(expected, DataOptions.ParseTokenizer(name));
    }

    [Fact]
    public void The_char_tokenizer_builds_its_vocabulary_from_the_training_text()
    {
        using var dir = new TempDirectory();
        LoadedData data = DataSource.Load(new DataOptions
        {
            TrainFile = dir.File("train.txt", "abba\nc"),
            EvalFile = dir.File("eval.txt", "cab!"),
            Tokenizer = TokenizerKind.Character,
            CacheDirectory = dir.Combine("cache"),
        });
        Assert.Equal(5, data.Tokenizer.VocabularySize);
        Assert.Equal(new[] { 1, 2, 2, 1, 3, 4 }, data.TrainTokens);
        Assert.Equal(new[] { 4, 1, 2, 0 }, data.EvalTokens);
        Assert.Equal("cab\uFFFD", data.Tokenizer.Decode(data.EvalTokens));
    }
}
