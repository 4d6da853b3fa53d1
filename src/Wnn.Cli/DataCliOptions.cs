using System.CommandLine;
using Wnn.Ram.Text;

namespace Wnn.Cli;

/// <summary>
/// The data options shared by commands that train or evaluate (--train-file, --eval-file, --format, --tokenizer,
/// --tokenizer-file, --word-vocab, --train-tokens, --eval-tokens, --data-dir): add them to a command, read a
/// <see cref="DataOptions"/> back, load with errors turned into <see cref="CliException"/>.
/// </summary>
internal sealed class DataCliOptions
{
    public Option<string?> TrainFile { get; } = new("--train-file")
    {
        Description = "Training corpus file, or a Brown corpus directory (split 90/10 by files when no --eval-file). Default: the fetched Brown corpus.",
    };

    public Option<string?> EvalFile { get; } = new("--eval-file") { Description = "Evaluation corpus file (same format as --train-file)." };

    public Option<string?> Format { get; } = new("--format")
    {
        Description = "Corpus format: wikitext, text or brown. Default: brown for a directory, else wikitext.",
    };

    public Option<string> Tokenizer { get; } = new("--tokenizer")
    {
        Description = "Tokenizer: gpt2, word or char.",
        DefaultValueFactory = _ => "gpt2",
    };

    public Option<string?> TokenizerFile { get; } = new("--tokenizer-file")
    {
        Description = "gpt2: rank file (gpt2.tiktoken or js-tiktoken's dist/ranks/gpt2.js), default the fetched one. word: vocabulary file (one word per line).",
    };

    public Option<int> WordVocabulary { get; } = new("--word-vocab")
    {
        Description = "Words kept by a word vocabulary built from the training text (plus <unk>).",
        DefaultValueFactory = _ => DataOptions.DefaultWordVocabularySize,
    };

    public Option<int?> TrainTokens { get; } = new("--train-tokens") { Description = "Keep only the first N training tokens." };

    public Option<int?> EvalTokens { get; } = new("--eval-tokens") { Description = "Keep only the first N evaluation tokens." };

    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Data folder (default: $WNN_DATA, else ~/.cache/wnn)." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(TrainFile);
        command.Add(EvalFile);
        command.Add(Format);
        command.Add(Tokenizer);
        command.Add(TokenizerFile);
        command.Add(WordVocabulary);
        command.Add(TrainTokens);
        command.Add(EvalTokens);
        command.Add(DataDirectory);
    }

    /// <summary>Reads the options; a bad format or tokenizer name becomes a <see cref="CliException"/>.</summary>
    public DataOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            string? format = parse.GetValue(Format);
            var options = new DataOptions
            {
                TrainFile = parse.GetValue(TrainFile),
                EvalFile = parse.GetValue(EvalFile),
                Format = format is null ? null : CorpusReader.ParseFormat(format),
                Tokenizer = DataOptions.ParseTokenizer(parse.GetValue(Tokenizer) ?? "gpt2"),
                TokenizerFile = parse.GetValue(TokenizerFile),
                WordVocabularySize = parse.GetValue(WordVocabulary),
                TrainTokens = parse.GetValue(TrainTokens),
                EvalTokens = parse.GetValue(EvalTokens),
                CacheDirectory = parse.GetValue(DataDirectory),
            };
            options.Validate();
            return options;
        }
        catch (DataException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>Loads the data; data errors become a <see cref="CliException"/> (one line, exit code 2).</summary>
    public static LoadedData Load(DataOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return DataSource.Load(options, cancellationToken);
        }
        catch (DataException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
