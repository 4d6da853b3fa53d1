using Wnn.Experiments.Sweeps;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// What an architectural sweep adds to the generic one: each job's architecture is noted when it starts, and after every
/// complete trial best_params.json (in the sweep directory) and the sweep's row of the experiment log CSV are rewritten, so
/// an interrupted sweep leaves them current.
/// </summary>
public sealed class ArchitecturalSweepHooks : ISweepHooks
{
    /// <summary>Creates the hooks of one sweep.</summary>
    public ArchitecturalSweepHooks(ArchitecturalObjective objective, PatchTstShape shape, IReadOnlyList<KeyValuePair<string, string>> fixedKeys, string experimentLog)
    {
        Objective = objective ?? throw new ArgumentNullException(nameof(objective));
        Shape = shape ?? throw new ArgumentNullException(nameof(shape));
        Fixed = fixedKeys ?? throw new ArgumentNullException(nameof(fixedKeys));
        ExperimentLogPath = experimentLog ?? throw new ArgumentNullException(nameof(experimentLog));
    }

    /// <summary>The architecture list and the training space.</summary>
    public ArchitecturalObjective Objective { get; }

    /// <summary>The model shape every trial trains.</summary>
    public PatchTstShape Shape { get; }

    /// <summary>The fixed trainer keys.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fixed { get; }

    /// <summary>The experiment log CSV the sweep's row goes to.</summary>
    public string ExperimentLogPath { get; }

    /// <inheritdoc />
    public ISweepObserver Observe(SweepWorkspace workspace, ISweepObserver? inner) => new ArchitecturalSweepObserver(this, workspace, inner);

    /// <summary>best_params.json of the sweep directory.</summary>
    public static string BestParamsPath(SweepWorkspace workspace) => Path.Combine((workspace ?? throw new ArgumentNullException(nameof(workspace))).Directory, BestParamsFile.FileName);

    /// <summary>Rewrites best_params.json and the experiment log row from the study (no-op without a complete trial).</summary>
    public void WriteResults(SweepWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Study study = workspace.Study;
        IReadOnlyList<FrozenTrial> trials = study.Trials;
        if (!trials.Any(t => t.State == TrialState.Complete))
        {
            return;
        }

        BestParamsFile.Write(BestParamsPath(workspace), study, Objective, Shape, Fixed);
        FrozenTrial best = study.BestTrial;
        ArchitecturalTrialPlan plan = Objective.PlanOf(best);
        Architecture a = plan.Architecture.Architecture;
        ExperimentLog.Upsert(ExperimentLogPath, new ExperimentLogEntry
        {
            Experiment = workspace.Id,
            Timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            Budget = Objective.Budget?.Name ?? string.Empty,
            Horizon = Shape.Horizon,
            Trials = trials.Count(t => t.State == TrialState.Complete),
            BestTrial = best.Number,
            ValLoss = best.Value,
            Seconds = trials.Sum(ArchitecturalTrialRow.ElapsedSeconds),
            DModel = a.DModel,
            NLayers = a.NLayers,
            NHeads = a.NHeads,
            DFf = a.DFf,
            ParamCount = plan.Architecture.ParamCount,
            Extra = plan.Training.ToDictionary(p => p.Key, p => TrainerOverrides.Pair(p.Key, p.Value)[(p.Key.Length + 1)..]),
        });
    }
}
