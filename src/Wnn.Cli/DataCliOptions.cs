using System.CommandLine;
using Wnn.Ram.Text;

namespace Wnn.Cli;

/// <summary>
/// The data options shared by commands that train or evaluate (--train-file, --eval-file, --format, --tokenizer,
/// --tokenizer-file, --word-vocab, --train-tokens, --eval-tokens, --data-dir): add them to a command, read a
/// <see cref="DataOptions"/> back, load them with DataSource.Load.
/// </summary>
internal sealed class DataCliOptions
{
    public Option<string?> TrainFile { get; } = new("--train-file") { Description = Doc(ConfigKeys.TrainFile) };

    public Option<string?> EvalFile { get; } = new("--eval-file") { Description = Doc(ConfigKeys.EvalFile) };

    public Option<string?> Format { get; } = new("--format") { Description = Doc(ConfigKeys.Format) };

    public Option<string> Tokenizer { get; } = new("--tokenizer") { Description = Doc(ConfigKeys.Tokenizer), DefaultValueFactory = _ => (string)ConfigKeys.Tokenizer.Default! };

    public Option<string?> TokenizerFile { get; } = new("--tokenizer-file") { Description = Doc(ConfigKeys.TokenizerFile) };

    public Option<int> WordVocabulary { get; } = new("--word-vocab") { Description = Doc(ConfigKeys.WordVocabulary), DefaultValueFactory = _ => (int)ConfigKeys.WordVocabulary.Default! };

    public Option<int?> TrainTokens { get; } = new("--train-tokens") { Description = Doc(ConfigKeys.TrainTokens) };

    public Option<int?> EvalTokens { get; } = new("--eval-tokens") { Description = Doc(ConfigKeys.EvalTokens) };

    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = Doc(ConfigKeys.DataDirectory) };

    /// <summary>The help text of a flag that reads a schema key: its documentation and name (defaults of these commands may differ: no token caps).</summary>
    internal static string Doc(ConfigKeyDefinition key) => $"{key.Doc} ({key.Name}{(key.RangeText is { } range ? "; " + range : "")})";

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

    /// <summary>Reads the options; a bad format or tokenizer name is a <see cref="DataException"/> (one line, exit code 2).</summary>
    public DataOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
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
}
