using System.Globalization;
using Wnn.Experiments.Sweeps;
using Wnn.Reports;
using Wnn.Search;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>Turns studies, trials and reports into the wire records of Wnn.Contracts.</summary>
internal static class StudyWire
{
    /// <summary>The list entry of a sweep; <paramref name="counts"/> is null when its storage could not be read (<paramref name="error"/> says why).</summary>
    public static StudyRecord Sweep(SweepFile sweep, Study? study, TrialCounts? counts, string? error) =>
        Record("sweep", sweep.Id, sweep.Name, study, counts, sweep.TargetMetric, sweep.Jobs, sweep.Created, sweep.Kind, sweep.Sampler, sweep.Directory, error ?? sweep.Error)
        with
        {
            Directions = study is null ? (sweep.Direction is { } d ? [d] : []) : Directions(study),
        };

    /// <summary>The list entry of a study.</summary>
    public static StudyRecord Study(long id, Study study, TrialCounts counts) =>
        Record("study", id.ToString(CultureInfo.InvariantCulture), study.Name, study, counts, null, null, counts.FirstStarted, null, null, null, null);

    /// <summary>A trial as the API sends it.</summary>
    public static TrialRecord Trial(FrozenTrial t)
    {
        IReadOnlyDictionary<string, object?> user = t.UserAttributes;
        var metrics = new List<NamedValue>();
        if (user.GetValueOrDefault(SweepController.MetricsAttribute) is IEnumerable<KeyValuePair<string, object?>> map)
        {
            metrics.AddRange(map.Where(kv => kv.Value is IConvertible and not string and not bool)
                .Select(kv => new NamedValue(kv.Key, ((IConvertible)kv.Value!).ToDouble(CultureInfo.InvariantCulture))));
        }

        string? reason = t.State is TrialState.Failed or TrialState.Pruned
            ? user.GetValueOrDefault(SweepController.ReasonAttribute) as string ?? t.SystemAttributes.GetValueOrDefault(StorageAttributes.FailReason) as string
            : null;
        return new TrialRecord(
            t.Number,
            State(t.State),
            t.State == TrialState.Complete ? t.Values : null,
            [.. t.Params.Select(kv => new NamedValue(kv.Key, kv.Value))],
            metrics,
            [.. t.IntermediateValues.OrderBy(kv => kv.Key).Select(kv => new StepValue(kv.Key, kv.Value))],
            reason,
            user.GetValueOrDefault(SweepController.RunDirAttribute) as string,
            Int(user.GetValueOrDefault(SweepWorkspace.JobAttribute)),
            Int(user.GetValueOrDefault(SweepWorkspace.AttemptAttribute)),
            t.Started,
            t.Completed);
    }

    /// <summary>The dashboard's report: the Wnn.Reports computation, with the trials as the API sends them.</summary>
    public static StudyReportRecord Report(StudyRecord record, StudyReport report, IReadOnlyList<FrozenTrial> trials)
    {
        FrozenTrial? best = report.Best is { } b ? trials.FirstOrDefault(t => t.Number == b.Number) : null;
        return new StudyReportRecord(
            record,
            [.. report.Parameters.Select(p => new ParameterRecord(p.Name, p.Kind, p.Log, p.Low, p.High, p.Choices))],
            report.MetricNames,
            best is null ? null : Trial(best),
            report.ParetoFront,
            [.. report.Importance.Select(kv => new NamedValue(kv.Key, kv.Value))],
            [.. report.PedAnovaImportance.Select(kv => new NamedValue(kv.Key, kv.Value))],
            report.ImportanceNote,
            [.. report.History.Select(h => new HistoryPoint(h.Number, h.Value, h.BestSoFar))],
            [.. report.Failures.Select(f => new FailureGroup(f.State, f.Reason, f.Count, f.Trials))]);
    }

    /// <summary>The wire name of a state.</summary>
    public static string State(TrialState state) => state.ToString().ToLowerInvariant();

    private static StudyRecord Record(
        string kind, string id, string name, Study? study, TrialCounts? counts, string? target, int? jobs,
        DateTimeOffset? created, string? sweepKind, string? sampler, string? directory, string? error)
    {
        var byState = Enum.GetValues<TrialState>().ToDictionary(State, s => counts?.ByState.GetValueOrDefault(s) ?? 0, StringComparer.Ordinal);
        IReadOnlyList<string> directions = study is null ? [] : Directions(study);
        IReadOnlyList<string> objectives = target is not null ? [target]
            : directions.Count == 1 ? ["value"] : [.. Enumerable.Range(0, directions.Count).Select(i => "value_" + i.ToString(CultureInfo.InvariantCulture))];
        return new StudyRecord(kind, id, name, directions, objectives, counts?.Total ?? 0, byState, jobs, counts?.BestValue, counts?.BestNumber, created,
            sweepKind, sampler, directory, error);
    }

    private static IReadOnlyList<string> Directions(Study study) => [.. study.Directions.Select(d => d.ToString().ToLowerInvariant())];

    private static int? Int(object? value) => value is IConvertible c and not string and not bool ? c.ToInt32(CultureInfo.InvariantCulture) : null;
}
