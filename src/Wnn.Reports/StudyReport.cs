using Wnn.Search;

namespace Wnn.Reports;

/// <summary>
/// Everything a study or sweep report shows, computed once from the study's trials: the trials, the best one (or the
/// Pareto front), parameter importance, rank correlations, the history and what failed or was pruned.
/// </summary>
public sealed record StudyReport
{
    /// <summary>The column name of the trial number.</summary>
    public const string NumberColumn = "number";

    /// <summary>The study (or sweep) name.</summary>
    public required string Name { get; init; }

    /// <summary>One direction per objective.</summary>
    public required IReadOnlyList<StudyDirection> Directions { get; init; }

    /// <summary>The objective column names (the sweep's target metric, or value / value_0, value_1 …).</summary>
    public required IReadOnlyList<string> ObjectiveNames { get; init; }

    /// <summary>The parameters, in first-suggestion order.</summary>
    public required IReadOnlyList<ReportParameter> Parameters { get; init; }

    /// <summary>The metric names reported by any trial (besides the objectives), sorted.</summary>
    public required IReadOnlyList<string> MetricNames { get; init; }

    /// <summary>All trials in number order.</summary>
    public required IReadOnlyList<ReportTrial> Trials { get; init; }

    /// <summary>Trial count per state (every state listed, zeros included).</summary>
    public required IReadOnlyDictionary<TrialState, int> StateCounts { get; init; }

    /// <summary>The best complete trial of a single-objective study, else null.</summary>
    public ReportTrial? Best { get; init; }

    /// <summary>The ensemble selection (<see cref="ReportOptions.EnsembleK"/>), or null.</summary>
    public EnsembleSelection? Ensemble { get; init; }

    /// <summary>Trial numbers on the Pareto front of a multi-objective study (empty for one objective).</summary>
    public IReadOnlyList<int> ParetoFront { get; init; } = [];

    /// <summary>fANOVA-style importance per parameter (sums to 1), largest first; empty when it cannot be computed (see <see cref="ImportanceNote"/>).</summary>
    public IReadOnlyDictionary<string, double> Importance { get; init; } = new Dictionary<string, double>();

    /// <summary>PED-ANOVA importance per parameter (sums to 1), largest first; empty when it cannot be computed.</summary>
    public IReadOnlyDictionary<string, double> PedAnovaImportance { get; init; } = new Dictionary<string, double>();

    /// <summary>Why importance is missing (fewer than 2 complete trials, no shared parameter), else null.</summary>
    public string? ImportanceNote { get; init; }

    /// <summary>Spearman correlations of parameters, objectives and metrics; null with fewer than 3 complete trials.</summary>
    public CorrelationMatrix? Correlation { get; init; }

    /// <summary>Complete trials in number order with the first objective and the best so far.</summary>
    public required IReadOnlyList<(int Number, double Value, double BestSoFar)> History { get; init; }

    /// <summary>Failed and pruned trials grouped by state and reason, most frequent first.</summary>
    public required IReadOnlyList<FailureSummary> Failures { get; init; }

    /// <summary>The columns a trial table can be sorted by: number, objectives, parameters and metrics.</summary>
    public IReadOnlyList<string> Columns => [NumberColumn, .. ObjectiveNames, .. Parameters.Select(p => p.Name), .. MetricNames];

    /// <summary>A trial's value in a column (NaN when it has none; a categorical's choice index).</summary>
    public double ValueOf(ReportTrial trial, string column)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (column == NumberColumn)
        {
            return trial.Number;
        }

        int objective = IndexOf(ObjectiveNames, column);
        if (objective >= 0)
        {
            return trial.Values is { } v && objective < v.Count ? v[objective] : double.NaN;
        }

        return trial.Numeric.TryGetValue(column, out double p) ? p : trial.Metrics.TryGetValue(column, out double m) ? m : double.NaN;
    }

    /// <summary>
    /// The trials sorted by a column: "name" sorts an objective best first and anything else ascending, "+name" ascending,
    /// "-name" descending; trials without a value go last. Throws <see cref="ArgumentException"/> naming the columns for an unknown one.
    /// </summary>
    public IReadOnlyList<ReportTrial> SortedBy(string? sort)
    {
        sort ??= ObjectiveNames[0];
        bool? descending = sort.StartsWith('-') ? true : sort.StartsWith('+') ? false : null;
        string column = descending is null ? sort : sort[1..];
        if (!Columns.Contains(column))
        {
            throw new ArgumentException($"no column '{column}' to sort by; known: {string.Join(", ", Columns)} (prefix + or - for the order)", nameof(sort));
        }

        int objective = IndexOf(ObjectiveNames, column);
        descending ??= objective >= 0 && Directions[objective] == StudyDirection.Maximize;
        IEnumerable<ReportTrial> withValue = Trials.Where(t => !double.IsNaN(ValueOf(t, column)));
        withValue = descending.Value
            ? withValue.OrderByDescending(t => ValueOf(t, column)).ThenBy(t => t.Number)
            : withValue.OrderBy(t => ValueOf(t, column)).ThenBy(t => t.Number);
        return [.. withValue, .. Trials.Where(t => double.IsNaN(ValueOf(t, column)))];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
