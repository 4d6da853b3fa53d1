using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Search;

/// <summary>
/// The composition of a phased search, shared by <c>wnn search</c> and the flow executor: the resume checks made
/// before any data is read, the data and evaluators a configuration names, and the runner over them.
/// </summary>
public static class PhasedSearchSetup
{
    /// <summary>Checks a resume request: the phase exists and the checkpoint it resumes from is there.</summary>
    /// <exception cref="ConfigException">Not a phase, or no checkpoint directory.</exception>
    /// <exception cref="CheckpointException">The checkpoint of the phase before is missing (and no mid-phase checkpoint of the phase itself).</exception>
    public static void CheckResume(PhasedSearchConfig config, string? checkpointDirectory, string? resumeFrom)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (resumeFrom is null)
        {
            return;
        }

        int index = PhaseSpec.ValidKeys.ToList().IndexOf(resumeFrom);
        if (index < 0)
        {
            throw new ConfigException($"'{resumeFrom}' is not a phase; expected one of {string.Join(", ", PhaseSpec.ValidKeys)}");
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

    /// <summary>Loads the tokens <paramref name="config"/> names (<c>data.*</c>) and builds the fast evaluators over them.</summary>
    /// <exception cref="DataException">The data cannot be found or read.</exception>
    /// <exception cref="ConfigException">The data is too small for the configuration (token parts, context).</exception>
    public static LoadedSearchData LoadData(PhasedSearchConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        LoadedData loaded = DataSource.Load(config.Data, cancellationToken);
        int threads = config.EffectiveThreads;
        try
        {
            var data = new SearchData(loaded.TrainTokens, loaded.EvalTokens, loaded.Tokenizer.VocabularySize, config.ModelOptions, config.TokenParts,
                d => new GenomeEvaluator(d, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = threads }));
            return new LoadedSearchData(data, loaded.Description);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message, ex);
        }
    }

    /// <summary>The runner of one pass over <paramref name="data"/>.</summary>
    public static PhasedSearchRunner CreateRunner(PhasedSearchConfig config, SearchData data, PhasedSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckResume(config, options.CheckpointDirectory, options.ResumeFrom);
        return new PhasedSearchRunner(config, data, options);
    }
}
