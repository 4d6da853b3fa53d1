namespace Wnn.Ram.Text;

/// <summary>
/// Where the training and evaluation tokens come from. With no files, the fetched Brown corpus is used (first 90% of
/// its files in name order for training, the rest for evaluation) with the fetched GPT-2 tokenizer.
/// </summary>
public sealed record DataOptions
{
    /// <summary>Default size of a word vocabulary built from the training text (plus <c>&lt;unk&gt;</c>).</summary>
    public const int DefaultWordVocabularySize = 10_000;

    /// <summary>Training corpus: a file, or a Brown directory. Null: the fetched Brown corpus.</summary>
    public string? TrainFile { get; init; }

    /// <summary>
    /// Evaluation corpus. Null with a Brown directory as <see cref="TrainFile"/> (or none): the last 10% of its files.
    /// Required when <see cref="TrainFile"/> is a single file.
    /// </summary>
    public string? EvalFile { get; init; }

    /// <summary>Format of the given files. Null: brown for a directory, otherwise wikitext.</summary>
    public CorpusFormat? Format { get; init; }

    /// <summary>Tokenizer. Default: GPT-2.</summary>
    public TokenizerKind Tokenizer { get; init; } = TokenizerKind.Gpt2;

    /// <summary>
    /// GPT-2: a rank file (tiktoken format or js-tiktoken's gpt2.js); null uses the fetched one. Word: a vocabulary file
    /// (one word per line); null builds the vocabulary from the training text. Character: must be null (the vocabulary
    /// is always built from the training text).
    /// </summary>
    public string? TokenizerFile { get; init; }

    /// <summary>Most frequent training words kept by a built word vocabulary. Default 10,000 (V = 10,001 with &lt;unk&gt;).</summary>
    public int WordVocabularySize { get; init; } = DefaultWordVocabularySize;

    /// <summary>Keep only the first this many training tokens. Null: all.</summary>
    public int? TrainTokens { get; init; }

    /// <summary>Keep only the first this many evaluation tokens. Null: all.</summary>
    public int? EvalTokens { get; init; }

    /// <summary>Data and token cache folder. Null: <c>$WNN_DATA</c> or <c>~/.cache/wnn</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Parses a tokenizer name: gpt2, word or char (any case).</summary>
    public static TokenizerKind ParseTokenizer(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "GPT2" or "GPT-2" => TokenizerKind.Gpt2,
        "WORD" => TokenizerKind.Word,
        "CHAR" or "CHARACTER" => TokenizerKind.Character,
        _ => throw new DataException($"unknown tokenizer '{name}'; accepted: gpt2, word, char"),
    };

    /// <summary>Throws a <see cref="DataException"/> naming the first bad value and what is allowed.</summary>
    public void Validate()
    {
        if (TrainTokens is < 1)
        {
            throw new DataException($"train tokens cap {TrainTokens} must be at least 1 (or unset for all tokens)");
        }

        if (EvalTokens is < 1)
        {
            throw new DataException($"eval tokens cap {EvalTokens} must be at least 1 (or unset for all tokens)");
        }

        if (WordVocabularySize < 1)
        {
            throw new DataException($"word vocabulary size {WordVocabularySize} must be at least 1");
        }

        if (Tokenizer == TokenizerKind.Character && TokenizerFile is not null)
        {
            throw new DataException($"the char tokenizer builds its vocabulary from the training text; remove the tokenizer file '{TokenizerFile}'");
        }

        if (EvalFile is not null && TrainFile is null)
        {
            throw new DataException($"an eval file ('{EvalFile}') needs a train file too");
        }
    }
}
