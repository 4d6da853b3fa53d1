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
        w.WriteLine($"sweep dir: {workspace.Directory}");
        w.WriteLine($"storage:   wnn study best --storage {Quote(StoragePath(workspace))} --study {workspace.Id}");
    }

    /// <summary>The top trials (complete ones by value, then the others by job), as a fixed-width table.</summary>
    public static void WriteTrials(TextWriter w, SweepDefinition definition, IReadOnlyList<FrozenTrial> trials, int top)
    {
        bool max = definition.Optimization.Direction == StudyDirection.Maximize;
        var latest = trials.Where(t => SweepWorkspace.JobOf(t) >= 0).GroupBy(SweepWorkspace.JobOf).Select(g => g.MaxBy(t => t.Number)!).ToList();
        IEnumerable<FrozenTrial> ordered = latest.Where(t => t.State == TrialState.Complete).OrderBy(t => max ? -t.Value!.Value : t.Value!.Value)
            .Concat(latest.Where(t => t.State != TrialState.Complete).OrderBy(SweepWorkspace.JobOf));
        List<FrozenTrial> shown = [.. ordered.Take(top)];
        if (shown.Count == 0)
        {
            return;
        }

        string metric = definition.Optimization.TargetMetric ?? "value";
        var rows = shown.Select(t => new[]
        {
            SweepWorkspace.JobOf(t).ToString(Inv), t.Number.ToString(Inv), t.State.ToString().ToLowerInvariant(),
            t.Value is double v ? v.ToString("G6", Inv) : "-",
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

    private static string StoragePath(SweepWorkspace workspace) =>
        workspace.StorageName == SweepWorkspace.DefaultStorageFile ? Path.Combine(workspace.Directory, SweepWorkspace.DefaultStorageFile) : workspace.StorageName;

    private static string Quote(string s) => s.Contains(' ', StringComparison.Ordinal) || s.Contains(';', StringComparison.Ordinal) ? $"\"{s}\"" : s;
}
