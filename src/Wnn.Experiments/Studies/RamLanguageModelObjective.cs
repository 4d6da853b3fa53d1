using Wnn.Experiments.Evaluation;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;
using Wnn.Ram.Text;
using Wnn.Search;

namespace Wnn.Experiments.Studies;

/// <summary>
/// A study objective for the RAM language model: each trial suggests the context size, the neurons and bits of tier 0,
/// the empty value and (with <see cref="ScoreScaleMode.Search"/>) the score scale, builds the tiered genome (tier 0 = the
/// 100 most frequent clusters, then the default tiers) and returns the cross-entropy on the evaluation tokens from the
/// fast <see cref="GenomeEvaluator"/> (minimize). Output bias and prior α come from the base options.
/// </summary>
public sealed class RamLanguageModelObjective
{
    private readonly LoadedData _data;
    private readonly ModelOptions _baseOptions;
    private readonly ScoreScaleMode _scoreScale;
    private readonly int _threads;
    private readonly ulong _seed;

    /// <summary>
    /// Creates the objective over loaded data; other model options come from <paramref name="baseOptions"/>, its
    /// <see cref="ModelOptions.ScoreScale"/> too when <paramref name="scoreScale"/> is <see cref="ScoreScaleMode.Fixed"/>.
    /// </summary>
    public RamLanguageModelObjective(LoadedData data, ModelOptions baseOptions, int threads, ulong seed, ScoreScaleMode scoreScale = ScoreScaleMode.Search)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (!Enum.IsDefined(scoreScale))
        {
            throw new ArgumentOutOfRangeException(nameof(scoreScale), scoreScale, "unknown score scale mode");
        }

        _data = data;
        _baseOptions = baseOptions;
        _scoreScale = scoreScale;
        _threads = threads;
        _seed = seed;
    }

    /// <summary>The tiers after tier 0 (the defaults of the research code).</summary>
    public static IReadOnlyList<Tier> LaterTiers { get; } = [new Tier(400, 10, 12), new Tier(null, 5, 8)];

    /// <summary>Smallest score scale suggested with <see cref="ScoreScaleMode.Search"/>.</summary>
    public const double MinSearchedScale = 0.25;

    /// <summary>Largest score scale suggested with <see cref="ScoreScaleMode.Search"/>.</summary>
    public const double MaxSearchedScale = 4.0;

    /// <summary>
    /// Suggests the parameters on <paramref name="trial"/>, trains and evaluates; returns the cross-entropy. With
    /// <see cref="ScoreScaleMode.Auto"/> the trial's τ is fitted on the training tokens (never the evaluation tokens)
    /// and kept as the user attributes <c>score_scale</c> and <c>score_scale_heldout_ce</c>.
    /// </summary>
    public double Evaluate(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        int context = trial.SuggestInt("context", 2, 8);
        int neurons = trial.SuggestInt("tier0_neurons", 4, 24);
        int bits = trial.SuggestInt("tier0_bits", 6, 24);
        double emptyValue = trial.SuggestFloat("empty_value", 0.0, 1.0);
        double scoreScale = _scoreScale == ScoreScaleMode.Search
            ? trial.SuggestFloat("score_scale", MinSearchedScale, MaxSearchedScale, log: true)
            : _baseOptions.ScoreScale;
        ModelOptions options = _baseOptions with { ContextSize = context, EmptyValue = emptyValue, ScoreScale = _scoreScale == ScoreScaleMode.Auto ? 1.0 : scoreScale };
        ModelSetup setup = ModelSetup.Create(_data, options);
        var tiers = new TierConfig([new Tier(100, neurons, bits), .. LaterTiers]);
        Genome genome = setup.TieredGenome(tiers, _seed);
        IGenomeEvaluator Evaluator(EvaluationData d) => new GenomeEvaluator(d, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = _threads, KeepStates = false });
        if (_scoreScale == ScoreScaleMode.Auto)
        {
            ScoreScaleFitResult fit = ScoreScaleFit.Fit(setup.Order, _data.TrainTokens, options, genome, Evaluator, cancellationToken);
            trial.SetUserAttribute("score_scale", fit.ScoreScale);
            trial.SetUserAttribute("score_scale_heldout_ce", fit.HeldOutCrossEntropy);
            setup = ModelSetup.Create(_data, options with { ScoreScale = fit.ScoreScale });
        }

        EvaluationResult result = Evaluator(setup.Full).Evaluate(genome, cancellationToken);
        trial.SetUserAttribute("accuracy", result.Accuracy);
        return result.CrossEntropy;
    }
}

/// <summary>How <see cref="RamLanguageModelObjective"/> sets the score scale τ of a trial.</summary>
public enum ScoreScaleMode
{
    /// <summary>τ is a searched parameter, <c>score_scale</c> in [0.25, 4], log scale.</summary>
    Search,

    /// <summary>τ is the base options' score scale in every trial.</summary>
    Fixed,

    /// <summary>τ is fitted per trial on a held-out slice of the training tokens (<see cref="ScoreScaleFit"/>).</summary>
    Auto,
}
