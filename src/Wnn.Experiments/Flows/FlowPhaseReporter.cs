using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Config;
using Wnn.Experiments.Phased;
using Wnn.Ram.Model;
using Wnn.Storage;

namespace Wnn.Experiments.Flows;

/// <summary>
/// Turns the runner's callbacks into flow records: an experiment per phase, an iteration row per GA generation or TS
/// iteration, the phase checkpoint, the phase result. Runs on the search thread and waits for each write, so rows
/// appear in order and a phase counts as completed only once its checkpoint row and result are stored. Writes are not
/// cancelled by a stop: the runner notices the stop itself, within one evaluation.
/// </summary>
internal sealed class FlowPhaseReporter : IPhasedProgress, IPhaseObserver
{
    private readonly FlowRecord _flow;
    private readonly IFlowProgress _progress;
    private readonly PhasedConfig _config;
    private readonly string _lastPhase;
    private readonly Stopwatch _clock = new();
    private ExperimentRecord? _current;

    public FlowPhaseReporter(FlowRecord flow, IFlowProgress progress, PhasedConfig config, string lastPhase)
    {
        _flow = flow;
        _progress = progress;
        _config = config;
        _lastPhase = lastPhase;
    }

    public void PhaseStarting(PhaseSpec phase, int phaseIndex, int iteration)
    {
        string settings = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["phase"] = phase.Key,
            ["name"] = phase.Name,
            ["max_iterations"] = phase.Kind == PhaseKind.GeneticAlgorithm ? _config.GaGenerations : _config.TsIterations,
            ["patience"] = _config.EffectivePatience,
            ["population_size"] = _config.PopulationSize,
            ["neighbors_per_iter"] = phase.Kind == PhaseKind.TabuSearch ? _config.NeighborsPerIter : null,
            ["resumed_at_iteration"] = iteration,
            ["checkpoint_file"] = phase.FileName,
        });
        _current = Wait(_progress.StartExperimentAsync(
            new NewExperiment(Title(phase), phase.Key, phase.KindName, phase.DimensionName, _flow.Id, phaseIndex, settings), CancellationToken.None));
        _clock.Restart();
    }

    public void Report(PhasedProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Event != "iteration" || _current is null)
        {
            return;
        }

        Wait(_progress.ReportIterationAsync(new IterationRecord
        {
            ExperimentId = _current.Id,
            Iteration = progress.Iteration,
            BestCe = progress.BestCrossEntropy,
            BestAccuracy = progress.BestAccuracy,
            MeanCe = progress.MeanCrossEntropy,
            MeanAccuracy = progress.MeanAccuracy,
            Threshold = progress.Threshold,
            PatienceCounter = progress.PatienceCounter,
            ElapsedSeconds = _clock.Elapsed.TotalSeconds,
        }, CancellationToken.None));
    }

    public void PhaseCompleted(PhaseSpec phase, int phaseIndex, PhaseResult result, string? checkpointPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ExperimentRecord experiment = _current ?? throw new InvalidOperationException($"phase {phase.Key} completed before it started");
        if (checkpointPath is not null)
        {
            var checkpoint = new NewCheckpoint($"{_flow.Name} · {phase.Key} {phase.Name}", checkpointPath, experiment.Id, result.Best.CrossEntropy,
                result.Best.Accuracy, result.Iterations, StatsJson(result.Best.Genome), IsFinal: phase.Key == _lastPhase);
            try
            {
                Wait(_progress.RegisterCheckpointAsync(checkpoint, CancellationToken.None));
            }
            catch (StoreConflictException)
            {
                // Registered by an earlier run that died before recording the phase result; the rerun wrote the same file.
            }
        }

        Wait(_progress.CompleteExperimentAsync(experiment.Id,
            new ExperimentResult(ExperimentStatus.Completed, result.Best.CrossEntropy, result.Best.Accuracy, result.Iterations), CancellationToken.None));
        _current = null;
    }

    /// <summary>Closes the running experiment (if any) with <paramref name="status"/> after a stop or a failure.</summary>
    public async Task AbandonAsync(ExperimentStatus status)
    {
        if (_current is { } e)
        {
            _current = null;
            // A phase that did not complete has no full-data result; its training-part best stays in its iterations.
            ExperimentRecord latest = (await _progress.GetExperimentsAsync(CancellationToken.None)).FirstOrDefault(x => x.Id == e.Id) ?? e;
            await _progress.CompleteExperimentAsync(e.Id, new ExperimentResult(status, null, null, latest.IterationsRun),
                CancellationToken.None);
        }
    }

    /// <summary>e.g. "Phase 1a: GA Neurons".</summary>
    public static string Title(PhaseSpec phase) =>
        $"Phase {phase.Key}: {phase.KindName.ToUpperInvariant()} {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(phase.DimensionName)}";

    /// <summary>Genome statistics as stored with a checkpoint row.</summary>
    public static string StatsJson(Genome genome)
    {
        GenomeStats s = genome.Stats();
        return JsonSerializer.Serialize(new
        {
            clusters = s.Clusters,
            neurons = s.Neurons,
            connections = s.Connections,
            mean_bits = s.MeanBits,
            min_bits = s.MinBits,
            max_bits = s.MaxBits,
            min_neurons = s.MinNeurons,
            max_neurons = s.MaxNeurons,
        });
    }

    /// <summary>Waits on the search thread (a dedicated thread, so blocking is safe and keeps the rows in order).</summary>
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
