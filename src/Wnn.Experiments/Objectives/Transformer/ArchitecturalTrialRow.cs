using System.Globalization;
using Wnn.Experiments.Sweeps;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>One trial of an architectural sweep: job, trial number, plan, val_loss (null unless complete), wall time and state.</summary>
public sealed record ArchitecturalTrialRow(int Job, int Number, ArchitecturalTrialPlan Plan, double? ValLoss, double Seconds, TrialState State)
{
    /// <summary>The rows of a sweep's trials in trial order (trials without a valid arch_idx are left out).</summary>
    public static IReadOnlyList<ArchitecturalTrialRow> Of(SweepWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Definition.Hooks is not ArchitecturalSweepHooks hooks)
        {
            throw new ArgumentException($"sweep {workspace.Id} is not an architectural sweep (form {workspace.Definition.Form})", nameof(workspace));
        }

        var rows = new List<ArchitecturalTrialRow>();
        foreach (FrozenTrial t in workspace.Study.Trials.Where(t => t.IsFinished).OrderBy(t => t.Number))
        {
            ArchitecturalTrialPlan plan;
            try
            {
                plan = hooks.Objective.PlanOf(t);
            }
            catch (ArgumentException)
            {
                continue;
            }

            rows.Add(new ArchitecturalTrialRow(SweepWorkspace.JobOf(t), t.Number, plan, t.State == TrialState.Complete ? t.Value : null, ElapsedSeconds(t), t.State));
        }

        return rows;
    }

    /// <summary>A trial's wall time in seconds as the sweep recorded it (0 when it has none).</summary>
    public static double ElapsedSeconds(FrozenTrial trial) =>
        trial?.UserAttributes.GetValueOrDefault("elapsed_s") is object s ? Convert.ToDouble(s, CultureInfo.InvariantCulture) : 0;
}
