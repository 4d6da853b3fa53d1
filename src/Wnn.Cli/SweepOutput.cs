using System.Globalization;
using Wnn.Experiments.Sweeps;
using Wnn.Search;

namespace Wnn.Cli;

/// <summary>Text output of sweeps: the end-of-run summary and the trial table of show/status.</summary>
internal static class SweepOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteSummary(TextWriter w, SweepWorkspace workspace, SweepOutcome outcome)
    {
        IReadOnlyList<FrozenTrial> trials = workspace.Study.Trials;
        int finished = SweepController.JobsFinished(trials, out int ok);
        w.WriteLine();
        w.WriteLine(string.Create(Inv, $"sweep {workspace.Id}: {finished}/{workspace.Definition.JobCount} jobs finished ({ok} with a complete trial); this run: {outcome.Complete} complete, {outcome.Failed} failed, {outcome.Pruned} pruned"));
        if (outcome.StopReason is string why)
        {
            w.WriteLine(why);
        }

        if (outcome.Remaining > 0)
        {
            w.WriteLine(string.Create(Inv, $"{outcome.Remaining} job(s) left: wnn sweep resume {workspace.Directory}"));
        }

        WriteTrials(w, workspace.Definition, trials, top: 10);
        WriteStrategy(w, workspace.Definition, trials);
        w.WriteLine($"sweep dir: {workspace.Directory}");
        w.WriteLine($"storage:   wnn study best --storage {Quote(StoragePath(workspace))} --study {workspace.Id}");
    }

    /// <summary>The top trials (complete ones by value, then the others by job), as a fixed-width table.</summary>
    public static void WriteTrials(TextWriter w, SweepDefinition definition, IReadOnlyList<FrozenTrial> trials, int top)
    {
        bool max = definition.Optimization.Direction == StudyDirection.Maximize;
        var latest = trials.Where(t => SweepWorkspace.JobOf(t) >= 0).GroupBy(SweepWorkspace.JobOf).Select(g => g.MaxBy(t => t.Number)!).ToList();
        IEnumerable<FrozenTrial> ordered = latest.Where(t => t.State == TrialState.Complete).OrderBy(t => max ? -t.Values![0] : t.Values![0])
            .Concat(latest.Where(t => t.State != TrialState.Complete).OrderBy(SweepWorkspace.JobOf));
        List<FrozenTrial> shown = [.. ordered.Take(top)];
        if (shown.Count == 0)
        {
            return;
        }

        string metric = string.Join(" ", definition.ObjectiveNames);
        var rows = shown.Select(t => new[]
        {
            SweepWorkspace.JobOf(t).ToString(Inv), t.Number.ToString(Inv), t.State.ToString().ToLowerInvariant(),
            t.Values is { Count: > 0 } v ? string.Join(" ", v.Select(x => x.ToString("G6", Inv))) : "-",
            string.Join(" ", t.Params.Select(kv => $"{kv.Key}={StudyOutput.Format(kv.Value)}")),
            t.UserAttributes.TryGetValue(SweepController.ReasonAttribute, out object? r) && r is string s ? (s.Length > 60 ? s[..60] + "…" : s) : "",
        }).ToList();
        string[] head = ["job", "trial", "state", metric, "params", "reason"];
        int[] width = [.. Enumerable.Range(0, head.Length).Select(i => Math.Max(head[i].Length, rows.Max(row => row[i].Length)))];
        w.WriteLine(string.Join("  ", head.Select((h, i) => h.PadRight(width[i]))).TrimEnd());
        foreach (string[] row in rows)
        {
            w.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(width[i]))).TrimEnd());
        }

        if (latest.Count > shown.Count)
        {
            w.WriteLine(string.Create(Inv, $"… {latest.Count - shown.Count} more jobs (wnn sweep show {definition.SweepDir} --all)"));
        }
    }

    /// <summary>The Pareto front of a multi-objective sweep and the ensemble selection, when the sweep asks for them.</summary>
    public static void WriteStrategy(TextWriter w, SweepDefinition definition, IReadOnlyList<FrozenTrial> trials)
    {
        var options = new Wnn.Reports.ReportOptions { JobAttribute = SweepWorkspace.JobAttribute, MetricsAttribute = SweepController.MetricsAttribute };
        List<Wnn.Reports.ReportTrial> complete = [.. trials.Where(t => t.State == TrialState.Complete && t.Values?.Count == definition.Directions.Count && t.Values.All(double.IsFinite))
            .Select(t => Wnn.Reports.StudyReportBuilder.Trial(t, options))];
        if (definition.Directions.Count > 1)
        {
            List<Wnn.Reports.ReportTrial> front = [.. Wnn.Search.MultiObjective.ParetoFront.NonDominatedIndices([.. complete.Select(t => t.Values!.ToArray())], definition.Directions)
                .Select(i => complete[i]).OrderBy(t => t.Values![0])];
            w.WriteLine(string.Create(Inv, $"Pareto front ({string.Join(" vs ", definition.ObjectiveNames)}): {front.Count} of {complete.Count} complete trials"));
            foreach (Wnn.Reports.ReportTrial t in front)
            {
                w.WriteLine(string.Create(Inv, $"  job {t.Job}: {string.Join(", ", definition.ObjectiveNames.Select((n, i) => $"{n} {t.Values![i]:G6}"))}  {string.Join(" ", t.Params.Select(kv => $"{kv.Key}={StudyOutput.Format(kv.Value)}"))}"));
            }
        }

        if (definition.Strategy.EnsembleK > 0)
        {
            Wnn.Reports.EnsembleSelection e = Wnn.Reports.EnsembleSelection.Choose(complete, trials.SelectMany(t => t.Distributions).DistinctBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value),
                definition.Optimization.Direction, definition.Strategy.EnsembleK, definition.Strategy.EnsembleTopFraction);
            w.Write(e.Text(definition.ObjectiveNames[0]));
        }
    }

    private static string StoragePath(SweepWorkspace workspace) =>
        workspace.StorageName == SweepWorkspace.DefaultStorageFile ? Path.Combine(workspace.Directory, SweepWorkspace.DefaultStorageFile) : workspace.StorageName;

    private static string Quote(string s) => s.Contains(' ', StringComparison.Ordinal) || s.Contains(';', StringComparison.Ordinal) ? $"\"{s}\"" : s;
}
