using Wnn.Experiments.Evaluation;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;
using Wnn.Ram.Text;
using Wnn.Search;

namespace Wnn.Experiments.Studies;

/// <summary>
/// A study objective for the RAM language model: each trial suggests the context size, the neurons and bits of tier 0,
/// the empty value and the score scale, builds the tiered genome (tier 0 = the 100 most frequent clusters, then the
/// default tiers) and returns the cross-entropy on the evaluation tokens from the fast <see cref="GenomeEvaluator"/> (minimize).
/// </summary>
public sealed class RamLanguageModelObjective
{
    private readonly LoadedData _data;
    private readonly ModelOptions _baseOptions;
    private readonly int _threads;
    private readonly ulong _seed;

    /// <summary>Creates the objective over loaded data; other model options come from <paramref name="baseOptions"/>.</summary>
    public RamLanguageModelObjective(LoadedData data, ModelOptions baseOptions, int threads, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _data = data;
        _baseOptions = baseOptions;
        _threads = threads;
        _seed = seed;
    }

    /// <summary>The tiers after tier 0 (the defaults of the research code).</summary>
    public static IReadOnlyList<Tier> LaterTiers { get; } = [new Tier(400, 10, 12), new Tier(null, 5, 8)];

    /// <summary>Suggests the parameters on <paramref name="trial"/>, trains and evaluates; returns the cross-entropy.</summary>
    public double Evaluate(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        int context = trial.SuggestInt("context", 2, 8);
        int neurons = trial.SuggestInt("tier0_neurons", 4, 24);
        int bits = trial.SuggestInt("tier0_bits", 6, 24);
        double emptyValue = trial.SuggestFloat("empty_value", 0.0, 1.0);
        double scoreScale = trial.SuggestFloat("score_scale", 0.25, 4.0, log: true);
        ModelOptions options = _baseOptions with { ContextSize = context, EmptyValue = emptyValue, ScoreScale = scoreScale };
        ModelSetup setup = ModelSetup.Create(_data, options);
        var tiers = new TierConfig([new Tier(100, neurons, bits), .. LaterTiers]);
        Genome genome = setup.TieredGenome(tiers, _seed);
        var evaluator = new GenomeEvaluator(setup.Full, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = _threads, KeepStates = false });
        EvaluationResult result = evaluator.Evaluate(genome, cancellationToken);
        trial.SetUserAttribute("accuracy", result.Accuracy);
        return result.CrossEntropy;
    }
}
