using System.Globalization;
using Wnn.Search;
using Wnn.Search.Importance;
using Wnn.Search.MultiObjective;

namespace Wnn.Reports;

/// <summary>Builds a <see cref="StudyReport"/> from a study (a sweep is a study whose trials are its jobs).</summary>
public static class StudyReportBuilder
{
    /// <summary>Reads the study's trials once and computes every section of the report.</summary>
    public static StudyReport Build(Study study, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new ReportOptions();
        IReadOnlyList<FrozenTrial> frozen = study.Trials;
        IReadOnlyList<StudyDirection> directions = study.Directions;
        IReadOnlyList<string> objectives = options.ObjectiveNames is { Count: > 0 } names && names.Count == directions.Count
            ? names
            : directions.Count == 1 ? ["value"] : [.. Enumerable.Range(0, directions.Count).Select(i => "value_" + i.ToString(CultureInfo.InvariantCulture))];

        var distributions = new Dictionary<string, ParameterDistribution>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (FrozenTrial t in frozen)
        {
            foreach (KeyValuePair<string, ParameterDistribution> kv in t.Distributions)
            {
                if (distributions.TryAdd(kv.Key, kv.Value))
                {
                    order.Add(kv.Key);
                }
            }
        }

        List<ReportTrial> trials = [.. frozen.Select(t => Trial(t, options))];
        List<ReportTrial> complete = [.. trials.Where(t => t.State == TrialState.Complete && t.Values is { } v && v.Count == directions.Count && v.All(double.IsFinite))];
        var counts = Enum.GetValues<TrialState>().ToDictionary(s => s, s => trials.Count(t => t.State == s));
        ReportTrial? best = null;
        IReadOnlyList<int> pareto = [];
        if (directions.Count == 1 && complete.Count > 0)
        {
            best = directions[0] == StudyDirection.Minimize ? complete.MinBy(t => t.Values![0]) : complete.MaxBy(t => t.Values![0]);
        }
        else if (complete.Count > 0)
        {
            pareto = [.. ParetoFront.NonDominatedIndices([.. complete.Select(t => t.Values!.ToArray())], directions).Select(i => complete[i].Number).Order()];
        }

        (IReadOnlyDictionary<string, double> fanova, IReadOnlyDictionary<string, double> ped, string? note) = Importance(directions, distributions, complete, options);
        List<ReportParameter> parameters = [.. order.Select(n => ReportParameter.From(n, distributions[n]))];
        List<string> metrics = [.. trials.SelectMany(t => t.Metrics.Keys).Distinct().Where(m => !objectives.Contains(m)).Order(StringComparer.Ordinal)];
        return new StudyReport
        {
            Name = study.Name,
            Directions = directions,
            ObjectiveNames = objectives,
            Parameters = parameters,
            MetricNames = metrics,
            Trials = trials,
            StateCounts = counts,
            Best = best,
            ParetoFront = pareto,
            Ensemble = options.EnsembleK > 0 ? EnsembleSelection.Choose(complete, distributions, directions[0], options.EnsembleK, options.EnsembleTopFraction) : null,
            Importance = fanova,
            PedAnovaImportance = ped,
            ImportanceNote = note,
            Correlation = Correlations(parameters, objectives, metrics, complete),
            History = History(complete, directions[0]),
            Failures = Failures(trials),
        };
    }

    /// <summary>One trial as the report shows it (metrics, reason and job read through the options' attribute names).</summary>
    public static ReportTrial Trial(FrozenTrial t, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(options);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (options.MetricsAttribute is { } key && t.UserAttributes.TryGetValue(key, out object? m) && m is IEnumerable<KeyValuePair<string, object?>> map)
        {
            foreach (KeyValuePair<string, object?> kv in map)
            {
                if (kv.Value is IConvertible c and not string and not bool)
                {
                    metrics[kv.Key] = c.ToDouble(CultureInfo.InvariantCulture);
                }
            }
        }

        string? reason = options.ReasonAttribute is { } r && t.UserAttributes.TryGetValue(r, out object? why) && why is string s ? s
            : t.SystemAttributes.TryGetValue(StorageAttributes.FailReason, out object? fail) && fail is string f ? f
            : null;
        if (reason is null && t.State == TrialState.Pruned)
        {
            reason = t.LastStep is int step ? $"pruned at step {step.ToString(CultureInfo.InvariantCulture)}" : "pruned";
        }

        int job = options.JobAttribute is { } j && t.UserAttributes.TryGetValue(j, out object? jv) && jv is IConvertible jc and not string
            ? jc.ToInt32(CultureInfo.InvariantCulture) : -1;
        return new ReportTrial
        {
            Number = t.Number,
            State = t.State,
            Values = t.State == TrialState.Complete ? t.Values : null,
            Params = t.Params,
            Numeric = t.InternalParams,
            Metrics = metrics,
            Intermediate = t.IntermediateValues,
            Reason = t.State is TrialState.Failed or TrialState.Pruned ? reason : null,
            Seconds = t.Started is { } a && t.Completed is { } b ? (b - a).TotalSeconds : null,
            Job = job,
        };
    }

    private static (IReadOnlyDictionary<string, double>, IReadOnlyDictionary<string, double>, string?) Importance(
        IReadOnlyList<StudyDirection> directions, Dictionary<string, ParameterDistribution> distributions, List<ReportTrial> complete, ReportOptions options)
    {
        var empty = new Dictionary<string, double>();
        List<string> shared = [.. distributions.Keys.Where(n => complete.All(t => t.Numeric.ContainsKey(n)) && !distributions[n].IsSingle)];
        if (complete.Count < 2)
        {
            return (empty, empty, $"importance needs at least 2 complete trials; this study has {complete.Count}");
        }

        if (shared.Count == 0)
        {
            return (empty, empty, "no parameter with more than one value is shared by every complete trial");
        }

        double[][] unit = [.. complete.Select(t => shared.Select(n => Math.Clamp(distributions[n].ToUnit(t.Numeric[n]), 0, 1)).ToArray())];
        IReadOnlyDictionary<string, double> fanova = new FanovaImportanceEvaluator(nTrees: options.ImportanceTrees).Evaluate(shared, unit, [.. complete.Select(t => t.Values![0])]);

        // PED-ANOVA wants lower-is-better targets.
        double sign = directions[0] == StudyDirection.Maximize ? -1 : 1;
        int[] categories = [.. shared.Select(n => distributions[n] is CategoricalDistribution c ? c.Choices.Count : 0)];
        double[] scores = PedAnovaImportance.Evaluate(unit, [.. complete.Select(t => sign * t.Values![0])], categories, options.PedAnovaGamma);
        var ped = shared.Select((n, i) => (n, scores[i])).OrderByDescending(p => p.Item2).ToDictionary(p => p.n, p => p.Item2);
        return (fanova, ped, null);
    }

    private static CorrelationMatrix? Correlations(List<ReportParameter> parameters, IReadOnlyList<string> objectives, List<string> metrics, List<ReportTrial> complete)
    {
        if (complete.Count < 3)
        {
            return null;
        }

        var columns = new List<(string Name, double[] Values)>();
        foreach (ReportParameter p in parameters.Where(p => p.IsNumeric))
        {
            if (complete.All(t => t.Numeric.ContainsKey(p.Name)))
            {
                columns.Add((p.Name, [.. complete.Select(t => t.Numeric[p.Name])]));
            }
        }

        for (int i = 0; i < objectives.Count; i++)
        {
            columns.Add((objectives[i], [.. complete.Select(t => t.Values![i])]));
        }

        foreach (string m in metrics.Where(m => complete.All(t => t.Metrics.ContainsKey(m))))
        {
            columns.Add((m, [.. complete.Select(t => t.Metrics[m])]));
        }

        double[][] rho = RankCorrelation.SpearmanMatrix([.. columns.Select(c => c.Values)]);
        return new CorrelationMatrix([.. columns.Select(c => c.Name)], rho, complete.Count);
    }

    private static List<(int, double, double)> History(List<ReportTrial> complete, StudyDirection direction)
    {
        var history = new List<(int, double, double)>();
        double best = direction == StudyDirection.Minimize ? double.PositiveInfinity : double.NegativeInfinity;
        foreach (ReportTrial t in complete)
        {
            double v = t.Values![0];
            best = direction == StudyDirection.Minimize ? Math.Min(best, v) : Math.Max(best, v);
            history.Add((t.Number, v, best));
        }

        return history;
    }

    private static List<FailureSummary> Failures(List<ReportTrial> trials) =>
        [.. trials.Where(t => t.State is TrialState.Failed or TrialState.Pruned)
            .GroupBy(t => (State: t.State.ToString().ToLowerInvariant(), Reason: t.Reason ?? "(no reason recorded)"))
            .Select(g => new FailureSummary(g.Key.State, g.Key.Reason, g.Count(), [.. g.Select(t => t.Number)]))
            .OrderByDescending(f => f.Count).ThenBy(f => f.State, StringComparer.Ordinal).ThenBy(f => f.Reason, StringComparer.Ordinal)];
}
