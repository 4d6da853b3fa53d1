namespace Wnn.Search;

/// <summary>An immutable snapshot of a trial as stored: parameters, values, state, attributes and intermediate values.</summary>
public sealed class FrozenTrial
{
    private static readonly Dictionary<string, object?> EmptyAttributes = [];

    /// <summary>Storage-wide unique id.</summary>
    public required long Id { get; init; }

    /// <summary>0-based number within the study, in creation order.</summary>
    public required int Number { get; init; }

    /// <summary>Current state.</summary>
    public required TrialState State { get; init; }

    /// <summary>Objective values (one per direction) for complete trials; the last intermediate value for pruned single-objective trials; otherwise null.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>User-facing parameter values (double, int or a categorical choice), in suggestion order.</summary>
    public IReadOnlyDictionary<string, object?> Params { get; init; } = EmptyAttributes;

    /// <summary>Internal numeric parameter values (see <see cref="ParameterDistribution"/>).</summary>
    public IReadOnlyDictionary<string, double> InternalParams { get; init; } = new Dictionary<string, double>();

    /// <summary>The distribution each parameter was suggested from.</summary>
    public IReadOnlyDictionary<string, ParameterDistribution> Distributions { get; init; } = new Dictionary<string, ParameterDistribution>();

    /// <summary>Attributes set by the user; values should be JSON-serializable primitives.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes { get; init; } = EmptyAttributes;

    /// <summary>Attributes set by samplers, pruners and the study (fixed parameters of enqueued trials, generations, rungs).</summary>
    public IReadOnlyDictionary<string, object?> SystemAttributes { get; init; } = EmptyAttributes;

    /// <summary>Intermediate values reported per step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues { get; init; } = new Dictionary<int, double>();

    /// <summary>Constraint values; a trial is feasible when every value is &lt;= 0. Null when none were set.</summary>
    public IReadOnlyList<double>? Constraints { get; init; }

    /// <summary>When the trial started running.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>When the trial finished.</summary>
    public DateTimeOffset? Completed { get; init; }

    /// <summary>The last heartbeat received from its worker.</summary>
    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>The single objective value; throws for multi-objective trials.</summary>
    public double? Value => Values is null ? null
        : Values.Count == 1 ? Values[0]
        : throw new InvalidOperationException("Value is only defined for single-objective trials; use Values.");

    /// <summary>True when the trial is Complete, Pruned or Failed.</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Pruned or TrialState.Failed;

    /// <summary>The largest reported step, or null.</summary>
    public int? LastStep => IntermediateValues.Count == 0 ? null : IntermediateValues.Keys.Max();

    /// <summary>True when no constraint is violated (no constraints counts as feasible).</summary>
    public bool IsFeasible => Constraints is null || Constraints.All(c => c <= 0);

    /// <summary>Sum of positive constraint values (0 when feasible).</summary>
    public double ConstraintViolation => Constraints is null ? 0 : Constraints.Sum(c => double.IsNaN(c) ? double.PositiveInfinity : Math.Max(0, c));
}
