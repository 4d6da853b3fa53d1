using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Phased;
using Wnn.Ram.Text;
using Wnn.Storage;

namespace Wnn.Experiments.Flows;

/// <summary>
/// Runs a <c>standard-6-phase</c> flow with <see cref="PhasedRunner"/>: one experiment per phase, its iterations,
/// the phase checkpoints (<c>phase_1a_ga_neurons.json.gz</c> … in the flow's checkpoint directory, the files
/// <c>wnn search --checkpoint-dir</c> writes) registered once completely written. A requeued or restarted flow resumes
/// after its last completed experiment, from the interrupted phase's mid-phase checkpoint when there is one.
/// </summary>
public sealed class PhasedFlowExecutor : IFlowExecutor, IFlowConfigValidator
{
    private readonly Func<FlowConfig, CancellationToken, PhasedData> _loadData;

    /// <summary>Creates an executor that loads the data named by each flow's config (as <c>wnn search</c> does).</summary>
    public PhasedFlowExecutor()
        : this(LoadData)
    {
    }

    /// <summary>Creates an executor with its own data source (tests, embedding).</summary>
    public PhasedFlowExecutor(Func<FlowConfig, CancellationToken, PhasedData> loadData)
    {
        ArgumentNullException.ThrowIfNull(loadData);
        _loadData = loadData;
    }

    /// <inheritdoc />
    public string? Validate(string configJson)
    {
        try
        {
            return UnreadableFile(FlowConfig.Parse(configJson).Data);
        }
        catch (ConfigException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// The first data file of <paramref name="data"/> that does not exist or cannot be read here (where the server runs;
    /// a worker on another machine reads its own copy), as a message naming the key; null when all can be read.
    /// </summary>
    public static string? UnreadableFile(DataOptions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var (key, path) in new[] { (ConfigKeys.TrainFile.Name, data.TrainFile), (ConfigKeys.EvalFile.Name, data.EvalFile), (ConfigKeys.TokenizerFile.Name, data.TokenizerFile) })
        {
            if (path is null || Directory.Exists(path))
            {
                continue;
            }

            if (!File.Exists(path))
            {
                return $"config key '{key}': file '{path}' does not exist on the server";
            }

            try
            {
                using FileStream probe = File.OpenRead(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"config key '{key}': file '{path}' cannot be read on the server: {ex.Message}";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public string? ValidateEdit(string oldConfigJson, string newConfigJson, int keptPhases)
    {
        try
        {
            FlowConfig old = FlowConfig.Parse(oldConfigJson), now = FlowConfig.Parse(newConfigJson);
            int kept = Math.Min(keptPhases, PhaseSpec.Order(old.Search).Count);
            if (kept <= 0)
            {
                return null;
            }

            // The same rule as a resume from the first phase to run (docs/search.md), over every key of the new config.
            _ = ResumeIdentity.Resolve(CheckpointSerializer.ConfigValues(old.Search), old.Search.RotationSeed ?? PhasedConfig.DefaultSeed,
                now.Search, null, PhasePlan.KeyAt(kept), kept);
            return null;
        }
        catch (ConfigException ex)
        {
            return $"{ex.Message}; or restart from an earlier phase (wnn flow restart ID --from 1a)";
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string>? PhaseKeys(string configJson)
    {
        try
        {
            return [.. PhaseSpec.Order(FlowConfig.Parse(configJson).Search).Select(p => p.Key)];
        }
        catch (ConfigException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(FlowRecord flow, IFlowProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(progress);
        FlowConfig config = FlowConfig.Parse(flow.ConfigJson);
        IReadOnlyList<PhaseSpec> phases = PhaseSpec.Order(config.Search);
        IReadOnlyList<ExperimentRecord> experiments = await progress.GetExperimentsAsync(cancellationToken);
        int next = FirstIncompletePhase(phases, experiments);
        await CloseInterruptedAsync(progress, experiments);
        if (next == phases.Count)
        {
            return;
        }

        var store = new CheckpointStore(progress.CheckpointDirectory);
        SeedSource? seed = null;
        if (next == 0 && !File.Exists(store.MidPathFor(phases[0])) && await progress.GetSeedCheckpointAsync(cancellationToken) is { } seedCheckpoint)
        {
            seed = SeedLoader.Load(seedCheckpoint.FilePath);
        }

        PhasedData data = await Task.Run(() => _loadData(config, cancellationToken), cancellationToken);
        var reporter = new FlowPhaseReporter(flow, progress, config.Search, phases[^1].Key);
        var options = new PhasedRunOptions
        {
            CheckpointDirectory = progress.CheckpointDirectory,
            ResumeFrom = phases[next].Key,
            Seed = seed,
            Progress = reporter,
            Observer = reporter,
        };
        PhasedRunner runner = PhasedSetup.CreateRunner(config.Search, data, options);
        try
        {
            await runner.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stop or shutdown: the runner left a mid-phase checkpoint; the phase's experiment ends cancelled and a
            // later run resumes it in a new experiment.
            await reporter.AbandonAsync(ExperimentStatus.Cancelled);
            throw;
        }
        catch
        {
            await reporter.AbandonAsync(ExperimentStatus.Failed);
            throw;
        }
    }

    /// <summary>The index of the first phase without a completed experiment (phases run in order).</summary>
    public static int FirstIncompletePhase(IReadOnlyList<PhaseSpec> phases, IReadOnlyList<ExperimentRecord> experiments)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(experiments);
        int i = 0;
        while (i < phases.Count && experiments.Any(e => e.PhaseKey == phases[i].Key && e.Status == ExperimentStatus.Completed))
        {
            i++;
        }

        return i;
    }

    /// <summary>Experiments left running or pending by a worker that died are closed as cancelled (their phase is resumed in a new one).</summary>
    private static async Task CloseInterruptedAsync(IFlowProgress progress, IReadOnlyList<ExperimentRecord> experiments)
    {
        foreach (ExperimentRecord e in experiments.Where(e => e.Status is ExperimentStatus.Running or ExperimentStatus.Pending))
        {
            await progress.CompleteExperimentAsync(e.Id, new ExperimentResult(ExperimentStatus.Cancelled, null, null, e.IterationsRun),
                CancellationToken.None);
        }
    }

    /// <summary>Loads tokens and builds the evaluators as <c>wnn search</c> does (<see cref="PhasedSetup.LoadData"/>).</summary>
    public static PhasedData LoadData(FlowConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return PhasedSetup.LoadData(config.Search, cancellationToken).Data;
    }
}
