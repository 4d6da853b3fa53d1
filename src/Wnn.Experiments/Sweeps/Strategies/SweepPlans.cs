using System.Globalization;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Strategies;

/// <summary>Creates a definition's plan and holds what the plans share: the last attempt of each job and ranking by value.</summary>
public static class SweepPlans
{
    /// <summary>User attributes a strategy stores on a job; carried over when the job is retried or re-queued.</summary>
    public static IReadOnlyList<string> CarriedAttributes { get; } = [ProgressivePlan.RoundAttribute, BudgetPlan.BracketAttribute, BudgetPlan.RungAttribute, BudgetPlan.BudgetAttribute, BudgetPlan.PromotedFromAttribute];

    /// <summary>The plan of a definition whose strategy plans jobs, else null.</summary>
    public static ISweepPlan? Create(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Strategy.Type switch
        {
            SweepStrategyReader.Progressive => new ProgressivePlan(definition.Strategy, definition.Parameters, definition.Optimization.Direction),
            SweepStrategyReader.Budget => new BudgetPlan(definition.Strategy, definition.Parameters, definition.Optimization.Direction, definition.Optimization.Seed),
            _ => null,
        };
    }

    /// <summary>The last attempt of every job, in job order.</summary>
    public static List<FrozenTrial> LastAttempts(IEnumerable<FrozenTrial> trials) =>
        [.. trials.Where(t => SweepWorkspace.JobOf(t) >= 0).GroupBy(SweepWorkspace.JobOf).OrderBy(g => g.Key).Select(g => g.MaxBy(t => t.Number)!)];

    /// <summary>Complete trials best first (ties: lower job number first).</summary>
    public static List<FrozenTrial> Ranked(IEnumerable<FrozenTrial> trials, StudyDirection direction) =>
        [.. trials.Where(t => t.State == TrialState.Complete && t.Value is double v && double.IsFinite(v))
            .OrderBy(t => direction == StudyDirection.Minimize ? t.Value!.Value : -t.Value!.Value).ThenBy(SweepWorkspace.JobOf)];

    /// <summary>An integer user attribute, or -1.</summary>
    public static int IntAttribute(FrozenTrial trial, string key) =>
        trial.UserAttributes.TryGetValue(key, out object? v) && v is IConvertible c and not string ? c.ToInt32(CultureInfo.InvariantCulture) : -1;

    /// <summary>The external value at a point of the endpoint unit scale (<see cref="EndpointScale"/>; floats kept to 10 significant digits, inside the range).</summary>
    public static object? AtUnit(ParameterDistribution distribution, double unit)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        object? v = distribution.ToExternal(EndpointScale.FromUnit(distribution, unit));
        if (v is double d && distribution is FloatDistribution f && f.Step is null)
        {
            double rounded = double.Parse(d.ToString("G10", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return Math.Clamp(rounded, f.Low, f.High);
        }

        return v;
    }

    /// <summary>A config as one comparable line (parameter order).</summary>
    public static string Key(IReadOnlyList<SweepParameter> parameters, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(" ", parameters.Select(p => p.Name + "=" + ConfigTree.Format(values.GetValueOrDefault(p.Name))));
    }
}
