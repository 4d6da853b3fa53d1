using System.Diagnostics;
using System.Globalization;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// Runs an architectural study with the TEMPORARY <see cref="PatchTstTrainerProcess"/> (the sweep launcher replaces it):
/// refuses a resumed study whose architecture list differs, logs each trial's architecture, trains, then writes
/// best_params.json and appends the experiment log row. Failed trainer runs fail their trial and the study goes on.
/// </summary>
public static class ArchitecturalHpoRun
{
    /// <summary>Runs up to <paramref name="nTrials"/> trials (default: the config's n_trials) in <paramref name="outputDirectory"/>.</summary>
    public static ArchitecturalHpoResult Run(
        ArchitecturalSearchConfig config, Study study, PatchTstTrainerProcess runner, string outputDirectory,
        int? nTrials, long? seed, string? experimentLogPath, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(log);
        var objective = new ArchitecturalObjective(config.ResolveArchitectures(), config.TrainingSearchSpace, config.Budget);
        objective.EnsureCompatible(study);
        IFormatProvider inv = CultureInfo.InvariantCulture;
        log.WriteLine(string.Create(inv, $"study '{study.Name}': {objective.Architectures.Count} architectures ({config.Budget?.Name ?? "no budget"}, horizon {config.Shape.Horizon}), {string.Join(", ", config.TrainingSearchSpace.Select(p => p.Key))}"));
        var clock = Stopwatch.StartNew();
        var rows = new List<ArchitecturalTrialRow>();
        study.Optimize(trial =>
        {
            ArchitecturalTrialPlan plan = objective.Suggest(trial);
            IReadOnlyList<string> overrides = TrainerOverrides.For(plan, config.Shape, seed is long s ? s + trial.Number : null);
            log.WriteLine(string.Create(inv, $"trial {trial.Number}: arch_idx {plan.ArchIdx} = {plan.Architecture.Architecture} ({plan.Architecture.ParamCount:N0} params); {string.Join(' ', overrides.Skip(4).Take(config.TrainingSearchSpace.Count))}"));
            string dir = Path.Combine(outputDirectory, "trials", string.Create(inv, $"trial_{trial.Number:D4}"));
            var trialClock = Stopwatch.StartNew();
            try
            {
                TrainerRunResult r = runner.Run(overrides, dir, trial, cancellationToken);
                trial.SetUserAttribute("seconds", r.Elapsed.TotalSeconds);
                if (r.Metrics.ParamCount is long counted && counted != plan.Architecture.ParamCount)
                {
                    // The estimator and the trained model disagree: the budget filter would be wrong. Fail loudly.
                    throw new TrainerRunException(string.Create(inv, $"the trainer built {counted} parameters, the estimator says {plan.Architecture.ParamCount} for {plan.Architecture.Architecture}"));
                }

                log.WriteLine(string.Create(inv, $"trial {trial.Number}: val_loss {r.ValLoss:0.######} in {r.Elapsed.TotalSeconds:0.0} s"));
                rows.Add(new ArchitecturalTrialRow(trial.Number, plan, r.ValLoss, r.Elapsed, "complete"));
                return r.ValLoss;
            }
            catch (TrialPrunedException)
            {
                log.WriteLine(string.Create(inv, $"trial {trial.Number}: pruned after {trialClock.Elapsed.TotalSeconds:0.0} s"));
                rows.Add(new ArchitecturalTrialRow(trial.Number, plan, null, trialClock.Elapsed, "pruned"));
                throw;
            }
            catch (TrainerRunException ex)
            {
                log.WriteLine($"trial {trial.Number}: failed: {ex.Message}");
                rows.Add(new ArchitecturalTrialRow(trial.Number, plan, null, trialClock.Elapsed, "failed"));
                throw;
            }
        }, nTrials ?? config.NTrials, config.TimeoutHours is double h ? TimeSpan.FromHours(h) : null,
        catchExceptions: [typeof(TrainerRunException)], cancellationToken: cancellationToken);
        clock.Stop();

        string? best = null;
        if (study.GetTrials(TrialState.Complete).Count > 0)
        {
            best = Path.Combine(outputDirectory, BestParamsFile.FileName);
            BestParamsFile.Write(best, study, objective, config.Shape);
            FrozenTrial b = study.BestTrial;
            ArchitecturalTrialPlan plan = objective.PlanOf(b);
            if (experimentLogPath is not null)
            {
                ExperimentLog.Append(experimentLogPath, new ExperimentLogEntry
                {
                    Experiment = study.Name,
                    Timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", inv),
                    Budget = config.Budget?.Name ?? string.Empty,
                    Horizon = config.Shape.Horizon,
                    Trials = study.GetTrials(TrialState.Complete).Count,
                    BestTrial = b.Number,
                    ValLoss = b.Value,
                    Seconds = clock.Elapsed.TotalSeconds,
                    DModel = plan.Architecture.Architecture.DModel,
                    NLayers = plan.Architecture.Architecture.NLayers,
                    NHeads = plan.Architecture.Architecture.NHeads,
                    DFf = plan.Architecture.Architecture.DFf,
                    ParamCount = plan.Architecture.ParamCount,
                    Extra = plan.Training.ToDictionary(p => p.Key, p => TrainerOverrides.Pair(p.Key, p.Value)[(p.Key.Length + 1)..]),
                });
            }
        }

        return new ArchitecturalHpoResult(rows, best, clock.Elapsed);
    }
}
