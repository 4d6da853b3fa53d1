using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Phased;

/// <summary>
/// The composition of a phased search, shared by <c>wnn search</c> and the flow executor: the resume checks made
/// before any data is read, the data and evaluators a configuration names, and the runner over them.
/// </summary>
public static class PhasedSetup
{
    /// <summary>Checks a resume request: the phase exists and the checkpoint it resumes from is there.</summary>
    /// <exception cref="ConfigException">Not a phase, or no checkpoint directory.</exception>
    /// <exception cref="CheckpointException">The checkpoint of the phase before is missing (and no mid-phase checkpoint of the phase itself).</exception>
    public static void CheckResume(PhasedConfig config, string? checkpointDirectory, string? resumeFrom)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (resumeFrom is null)
        {
            return;
        }

        IReadOnlyList<string> keys = [.. PhaseSpec.Order(config).Select(p => p.Key)];
        int index = keys.ToList().IndexOf(resumeFrom);
        if (index < 0)
        {
            throw new ConfigException($"'{resumeFrom}' is not a phase; expected one of {string.Join(", ", keys)}");
        }

        if (checkpointDirectory is null)
        {
            throw new ConfigException("resuming needs the checkpoint directory of the interrupted run");
        }

        if (index == 0)
        {
            return;
        }

        IReadOnlyList<PhaseSpec> phases = PhaseSpec.Order(config);
        var store = new CheckpointStore(checkpointDirectory);
        string before = store.PathFor(phases[index - 1]);
        if (store.TryLoadMid(phases[index]) is null && !File.Exists(before) && !File.Exists(before[..^3]))
        {
            throw new CheckpointException($"checkpoint of phase {phases[index - 1].Key} not found: {before}");
        }
    }

    /// <summary>
    /// The configuration a resume will run with (<see cref="ResumeIdentity"/>): the checkpoint's, with the explicitly given
    /// budget and safe keys applied; null when nothing is resumed or the run resumes from the start of phase 1a.
    /// </summary>
    /// <exception cref="ConfigException">An explicit value differs from the checkpoint for a key that changes results.</exception>
    /// <exception cref="CheckpointException">The checkpoint cannot be read.</exception>
    public static ResumedConfig? ResolveResume(
        PhasedConfig config, string? checkpointDirectory, string? resumeFrom, IReadOnlySet<string>? explicitKeys)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (resumeFrom is null || checkpointDirectory is null)
        {
            return null;
        }

        IReadOnlyList<PhaseSpec> order = PhaseSpec.Order(config);
        int index = order.Select(p => p.Key).ToList().IndexOf(resumeFrom);
        var store = new CheckpointStore(checkpointDirectory);
        PhaseCheckpoint? mid = store.TryLoadMid(order[index]);
        PhaseCheckpoint? resumed = mid ?? (index > 0 ? store.TryLoad(order[index - 1]) : null);
        return resumed is null ? null : ResumeIdentity.Resolve(resumed.Config, resumed.Seed, config, explicitKeys, resumeFrom,
            mid is null ? index : index + 1) with { ScoreScaleFit = resumed.ScoreScaleFit };
    }

    /// <summary>
    /// Loads the tokens <paramref name="config"/> names (<c>data.*</c>) and builds the fast evaluators over them. With
    /// <c>score_scale: auto</c>, τ is fitted first, once, for the tiered start genome of the run's seed, on the training tokens only;
    /// a resume passes the interrupted run's fit as <paramref name="recordedFit"/> and it is used as it is (the resume's
    /// identity and data-fingerprint checks guarantee it was fitted on the same tokens, options and seed).
    /// </summary>
    /// <exception cref="DataException">The data cannot be found or read.</exception>
    /// <exception cref="ConfigException">The data is too small for the configuration (token parts, context).</exception>
    public static LoadedPhasedData LoadData(PhasedConfig config, CancellationToken cancellationToken, ScoreScaleFitResult? recordedFit = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        LoadedData loaded = DataSource.Load(config.Data, cancellationToken);
        int threads = config.EffectiveThreads;
        IGenomeEvaluator Evaluator(EvaluationData d) => new GenomeEvaluator(d, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = threads });
        try
        {
            ModelOptions options = config.ModelOptions;
            ScoreScaleFitResult? fit = null;
            if (config.ScoreScaleAuto && recordedFit is not null)
            {
                fit = recordedFit;
                options = options with { ScoreScale = fit.ScoreScale };
            }
            else if (config.ScoreScaleAuto)
            {
                int vocabulary = loaded.Tokenizer.VocabularySize;
                var order = ClusterOrder.FromTokens(loaded.TrainTokens, vocabulary);
                Genome start = PhasedRunner.TieredStart(
                    config.Tiers, vocabulary, options.ContextSize * ExampleSet.BitsPerToken(vocabulary), config.RotationSeed ?? PhasedConfig.DefaultSeed);
                fit = ScoreScaleFit.Fit(order, loaded.TrainTokens, options, start, Evaluator, cancellationToken);
                options = options with { ScoreScale = fit.ScoreScale };
            }

            var data = new PhasedData(loaded.TrainTokens, loaded.EvalTokens, loaded.Tokenizer.VocabularySize, options, config.TokenParts, Evaluator)
            {
                ScoreScaleFit = fit,
            };
            return new LoadedPhasedData(data, loaded.Description);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message, ex);
        }
    }

    /// <summary>The runner of one pass over <paramref name="data"/>.</summary>
    public static PhasedRunner CreateRunner(PhasedConfig config, PhasedData data, PhasedRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckResume(config, options.CheckpointDirectory, options.ResumeFrom);
        return new PhasedRunner(config, data, options);
    }
}
