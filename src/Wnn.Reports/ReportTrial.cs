using Wnn.Search;

namespace Wnn.Reports;

/// <summary>One trial as the report shows it: number, state, objective values, parameters, metrics and why it ended.</summary>
public sealed record ReportTrial
{
    /// <summary>The trial number within the study.</summary>
    public required int Number { get; init; }

    /// <summary>The trial state.</summary>
    public required TrialState State { get; init; }

    /// <summary>Objective values (complete trials), else null.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Parameter values as suggested (double, int or a categorical choice).</summary>
    public required IReadOnlyDictionary<string, object?> Params { get; init; }

    /// <summary>Parameter values on the numeric axis (the value for numbers, the choice index for categoricals).</summary>
    public required IReadOnlyDictionary<string, double> Numeric { get; init; }

    /// <summary>The last value of each metric the trial reported (the sweep engine's <c>metrics</c> attribute), by name.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Intermediate values by step (learning curve).</summary>
    public required IReadOnlyDictionary<int, double> Intermediate { get; init; }

    /// <summary>Why the trial failed or was pruned (the <c>reason</c> attribute or the study's fail reason), else null.</summary>
    public string? Reason { get; init; }

    /// <summary>Wall time in seconds, when known.</summary>
    public double? Seconds { get; init; }

    /// <summary>The sweep job number, or -1 for a plain study trial.</summary>
    public int Job { get; init; } = -1;
}
