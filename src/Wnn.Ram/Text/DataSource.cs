using System.Globalization;

namespace Wnn.Ram.Text;

/// <summary>Loads training and evaluation tokens as described by <see cref="DataOptions"/>, through the token cache.</summary>
public static class DataSource
{
    /// <summary>Share of a Brown corpus's files (in name order) used for training; the rest is for evaluation.</summary>
    public const double BrownTrainShare = 0.9;

    /// <summary>Reads the corpora, builds or loads the tokenizer, tokenizes (cached) and applies the caps.</summary>
    public static LoadedData Load(DataOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cache = new DataCache(options.CacheDirectory);
        (string trainText, string evalText, string trainSource, string evalSource) = ReadCorpora(options, cache);
        cancellationToken.ThrowIfCancellationRequested();
        ITokenizer tokenizer = CreateTokenizer(options, cache, trainText);
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = new TokenCache(cache.TokensDirectory);
        int[] train = tokens.GetOrEncode(trainText, tokenizer);
        cancellationToken.ThrowIfCancellationRequested();
        int[] eval = tokens.GetOrEncode(evalText, tokenizer);
        if (train.Length == 0)
        {
            throw new DataException($"training data {trainSource} has no tokens");
        }

        if (eval.Length == 0)
        {
            throw new DataException($"evaluation data {evalSource} has no tokens");
        }

        int[] trainCapped = Cap(train, options.TrainTokens);
        int[] evalCapped = Cap(eval, options.EvalTokens);
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"tokenizer {tokenizer.Name} (V={tokenizer.VocabularySize}); train {trainSource}: {Count(trainCapped.Length, train.Length)}; "
            + $"eval {evalSource}: {Count(evalCapped.Length, eval.Length)}");
        return new LoadedData(tokenizer, trainCapped, evalCapped, description);
    }

    /// <summary>Splits a Brown directory's files: the first <see cref="BrownTrainShare"/> (at least one, not all) train.</summary>
    public static (IReadOnlyList<string> Train, IReadOnlyList<string> Eval) SplitBrown(string directory)
    {
        IReadOnlyList<string> files = CorpusReader.BrownFiles(directory);
        if (files.Count < 2)
        {
            throw new DataException($"Brown corpus directory '{directory}' has {files.Count} corpus file; need at least 2 to split");
        }

        int train = Math.Clamp((int)Math.Floor(files.Count * BrownTrainShare), 1, files.Count - 1);
        return (files.Take(train).ToArray(), files.Skip(train).ToArray());
    }

    private static (string Train, string Eval, string TrainSource, string EvalSource) ReadCorpora(DataOptions options, DataCache cache)
    {
        if (options.TrainFile is null)
        {
            if (!Directory.Exists(cache.BrownDirectory))
            {
                throw new DataException(
                    $"no training data: the Brown corpus is not in {cache.BrownDirectory}; run `./wnn data fetch brown`, or "
                    + DataFetcher.SupplyByPathHint);
            }

            return ReadBrownSplit(cache.BrownDirectory, "fetched Brown corpus");
        }

        CorpusFormat format = options.Format ?? (Directory.Exists(options.TrainFile) ? CorpusFormat.Brown : CorpusFormat.WikiText);
        if (options.EvalFile is null)
        {
            if (format == CorpusFormat.Brown && Directory.Exists(options.TrainFile))
            {
                return ReadBrownSplit(options.TrainFile, $"Brown corpus {options.TrainFile}");
            }

            if (!File.Exists(options.TrainFile))
            {
                throw new DataException($"corpus file '{options.TrainFile}' does not exist; accepted formats: {CorpusReader.FormatNames}");
            }

            throw new DataException(
                $"train file '{options.TrainFile}' needs an eval file (--eval-file PATH); only a Brown corpus directory is split automatically");
        }

        string name = format.ToString().ToLowerInvariant();
        return (CorpusReader.ReadText(options.TrainFile, format), CorpusReader.ReadText(options.EvalFile, format),
            $"{options.TrainFile} ({name})", $"{options.EvalFile} ({name})");
    }

    private static (string, string, string, string) ReadBrownSplit(string directory, string label)
    {
        (IReadOnlyList<string> train, IReadOnlyList<string> eval) = SplitBrown(directory);
        return (CorpusReader.ReadBrown(train), CorpusReader.ReadBrown(eval),
            $"{label} {Range(train)} ({Files(train.Count)})", $"{label} {Range(eval)} ({Files(eval.Count)})");
    }

    private static string Files(int count) => count == 1 ? "1 file" : $"{count} files";

    private static string Range(IReadOnlyList<string> files) => $"{Path.GetFileName(files[0])}-{Path.GetFileName(files[^1])}";

    private static ITokenizer CreateTokenizer(DataOptions options, DataCache cache, string trainText)
    {
        if (options.Tokenizer == TokenizerKind.Character)
        {
            return CharacterTokenizer.Build(trainText);
        }

        if (options.Tokenizer == TokenizerKind.Word)
        {
            return options.TokenizerFile is null
                ? WordTokenizer.Build(trainText, options.WordVocabularySize)
                : WordTokenizer.Load(options.TokenizerFile);
        }

        string path = options.TokenizerFile ?? cache.Gpt2RankFile;
        if (options.TokenizerFile is null && !File.Exists(path))
        {
            throw new DataException(
                $"the GPT-2 tokenizer is not in {path}; run `./wnn data fetch gpt2`, or pass --tokenizer-file PATH "
                + "(a gpt2.tiktoken rank file or js-tiktoken's dist/ranks/gpt2.js)");
        }

        return Gpt2Tokenizer.Load(path);
    }

    private static int[] Cap(int[] tokens, int? cap) => cap is int n && n < tokens.Length ? tokens[..n] : tokens;

    private static string Count(int kept, int total) => kept == total
        ? string.Create(CultureInfo.InvariantCulture, $"{total:N0} tokens")
        : string.Create(CultureInfo.InvariantCulture, $"first {kept:N0} of {total:N0} tokens");
}
