using System.Globalization;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>The observer of <see cref="ArchitecturalSweepHooks"/>: forwards everything, notes architectures, writes the result files.</summary>
internal sealed class ArchitecturalSweepObserver(ArchitecturalSweepHooks hooks, SweepWorkspace workspace, ISweepObserver? inner) : ISweepObserver
{
    private readonly Lock _gate = new();

    public void Started(SweepDefinition definition, string sweepId, int totalJobs, int finishedJobs, int finishedOk)
    {
        inner?.Started(definition, sweepId, totalJobs, finishedJobs, finishedOk);
        ParamBudget? b = hooks.Objective.Budget;
        Note(string.Create(CultureInfo.InvariantCulture,
            $"{hooks.Objective.Architectures.Count} architectures ({(b is null ? "no budget" : $"budget {b.Name}, ±25 % of {b.Target:N0}")}, horizon {hooks.Shape.Horizon}); results: {ArchitecturalSweepHooks.BestParamsPath(workspace)}, {hooks.ExperimentLogPath}"));
    }

    public void TrialStarted(int job, int trialNumber, IReadOnlyDictionary<string, object?> parameters)
    {
        inner?.TrialStarted(job, trialNumber, parameters);
        if (parameters.GetValueOrDefault(ArchitecturalObjective.ArchIdx) is object idx
            && Convert.ToInt32(idx, CultureInfo.InvariantCulture) is int i && i >= 0 && i < hooks.Objective.Architectures.Count)
        {
            Note(string.Create(CultureInfo.InvariantCulture, $"job {job}: arch_idx {i} = {ArchitecturalSweepReader.Describe(hooks.Objective.Architectures[i])}"));
        }
    }

    public void TrialMetric(int job, MetricReport report) => inner?.TrialMetric(job, report);

    public void TrialFinished(int job, FrozenTrial trial, string? reason, bool requeued)
    {
        inner?.TrialFinished(job, trial, reason, requeued);
        if (trial.State != TrialState.Complete)
        {
            return;
        }

        try
        {
            lock (_gate)
            {
                hooks.WriteResults(workspace);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException)
        {
            // A full disk or a damaged experiment log must not stop the sweep; the next complete trial tries again.
            Note($"job {job}: could not write best_params.json / {hooks.ExperimentLogPath}: {ex.Message}");
        }
    }

    public void Note(string message) => inner?.Note(message);
}
