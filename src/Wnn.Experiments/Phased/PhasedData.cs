using Wnn.Ram.Baselines;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>
/// The token streams of a search and the evaluators over them: the full training set ("full" evaluation) and
/// <c>token_parts</c> contiguous training parts (rotation), all scored on the same evaluation tokens.
/// Data sets and evaluators are built on first use and reused.
/// </summary>
public sealed class PhasedData
{
    private readonly int[] _train;
    private readonly Func<EvaluationData, IGenomeEvaluator> _evaluatorFactory;
    private readonly Dictionary<int, IGenomeEvaluator> _evaluators = [];
    private readonly int _vocabularySize;
    private string? _fingerprint;

    /// <summary>
    /// Creates the data: the first <paramref name="trainTokenLimit"/> / <paramref name="evalTokenLimit"/> tokens are used,
    /// clusters are ranked by frequency in the used training tokens.
    /// </summary>
    public PhasedData(
        ReadOnlySpan<int> trainTokens, ReadOnlySpan<int> evalTokens, int vocabularySize, ModelOptions options, int tokenParts,
        Func<EvaluationData, IGenomeEvaluator> evaluatorFactory, int trainTokenLimit = int.MaxValue, int evalTokenLimit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(evaluatorFactory);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenParts, 1);
        _train = trainTokens[..Math.Min(trainTokens.Length, trainTokenLimit)].ToArray();
        EvalTokens = evalTokens[..Math.Min(evalTokens.Length, evalTokenLimit)].ToArray();
        Options = options;
        TokenParts = tokenParts;
        _evaluatorFactory = evaluatorFactory;
        _vocabularySize = vocabularySize;
        Order = ClusterOrder.FromTokens(_train, vocabularySize);
        if (_train.Length / tokenParts <= options.ContextSize)
        {
            throw new ArgumentException(
                $"{_train.Length} training tokens split into {tokenParts} parts leave at most {_train.Length / tokenParts} per part; need more than the context size {options.ContextSize}");
        }

        InputBits = options.ContextSize * ExampleSet.BitsPerToken(vocabularySize);
    }

    /// <summary>
    /// Hash of the used training and evaluation tokens and the vocabulary size (FNV-1a, 64 bits, hex): a resume refuses a
    /// checkpoint written over other tokens.
    /// </summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    /// <summary>With <c>score_scale: auto</c>, the fit whose τ <see cref="Options"/> holds; else null.</summary>
    public ScoreScaleFitResult? ScoreScaleFit { get; init; }

    /// <summary>Vocabulary size.</summary>
    public int VocabularySize => _vocabularySize;

    /// <summary>The n-gram baselines on the used training and evaluation tokens and the model's context (docs/baselines.md).</summary>
    public BaselineReport NgramBaselines() =>
        Wnn.Ram.Baselines.NgramBaselines.Evaluate(_train, EvalTokens, _vocabularySize, new BaselineOptions { ContextSize = Options.ContextSize });

    /// <summary>Cluster order (frequency ranks in the used training tokens).</summary>
    public ClusterOrder Order { get; }

    /// <summary>Model options.</summary>
    public ModelOptions Options { get; }

    /// <summary>Number of rotation parts.</summary>
    public int TokenParts { get; }

    /// <summary>Evaluation tokens used.</summary>
    public int[] EvalTokens { get; }

    /// <summary>Training tokens used.</summary>
    public ReadOnlySpan<int> TrainTokens => _train;

    /// <summary>Number of clusters.</summary>
    public int ClusterCount => Order.Count;

    /// <summary>Input width in bits.</summary>
    public int InputBits { get; }

    /// <summary>The evaluator that trains on all training tokens.</summary>
    public IGenomeEvaluator Full => Get(-1);

    /// <summary>The evaluator that trains on training part <paramref name="part"/>.</summary>
    public IGenomeEvaluator Part(int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, TokenParts);
        return Get(part);
    }

    private IGenomeEvaluator Get(int part)
    {
        lock (_evaluators)
        {
            if (!_evaluators.TryGetValue(part, out IGenomeEvaluator? evaluator))
            {
                ReadOnlySpan<int> tokens = _train;
                if (part >= 0)
                {
                    (int start, int length) = Rotation.Range(_train.Length, TokenParts, part);
                    tokens = tokens.Slice(start, length);
                }

                // Subset index 0 is the full set; part p draws its negatives from stream p + 1.
                EvaluationData data = EvaluationData.Create(Order, tokens, EvalTokens, Options, part + 1);
                evaluator = _evaluatorFactory(data);
                _evaluators[part] = evaluator;
            }

            return evaluator;
        }
    }

    private string ComputeFingerprint()
    {
        ulong hash = 14695981039346656037UL;
        void Add(int value)
        {
            for (int b = 0; b < 4; b++)
            {
                hash = (hash ^ (byte)(value >> (8 * b))) * 1099511628211UL;
            }
        }

        Add(_vocabularySize);
        Add(_train.Length);
        foreach (int t in _train)
        {
            Add(t);
        }

        Add(EvalTokens.Length);
        foreach (int t in EvalTokens)
        {
            Add(t);
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
