using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Strategies;

/// <summary>Reads the <c>strategy</c> section; its keys, types and defaults are declared here once.</summary>
public static class SweepStrategyReader
{
    /// <summary>No strategy: the sweep_type's grid or sampler.</summary>
    public const string None = "none";

    /// <summary>A coarse grid, then finer grids around the best configs.</summary>
    public const string Progressive = "progressive";

    /// <summary>Successive halving or Hyperband under a total budget.</summary>
    public const string Budget = "budget";

    /// <summary>The target metric and further objectives, with a multi-objective sampler.</summary>
    public const string MultiObjective = "multi_objective";

    /// <summary>The launcher's wall seconds of a trial, recorded as a metric of every trial.</summary>
    public const string TrialSeconds = "trial_seconds";

    /// <summary>The strategy types.</summary>
    public static IReadOnlyList<string> Types { get; } = [None, Progressive, Budget, MultiObjective];

    /// <summary>The budget allocations.</summary>
    public static IReadOnlyList<string> Allocations { get; } = ["hyperband", "successive_halving"];

    /// <summary>The keys of the section.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["type", "rounds", "points", "top_k", "budget_key", "min_budget", "max_budget", "eta", "allocation", "total_trials", "total_seconds", "objectives", "directions", "ensemble"];

    private static readonly string[] EnsembleKeys = ["k", "top_fraction"];

    /// <summary>Reads the section (null: no strategy); throws a <see cref="ConfigException"/> naming the key and what is accepted.</summary>
    public static SweepStrategy Read(object? node)
    {
        Dictionary<string, object?> map = SweepSections.Map(node, "strategy", [.. Keys]);
        var defaults = new SweepStrategy();
        string type = SweepSections.Text(map, "type")?.ToLowerInvariant().Replace('-', '_') ?? None;
        if (!Types.Contains(type))
        {
            throw new ConfigException($"strategy.type: '{SweepSections.Text(map, "type")}' is not allowed; allowed: {string.Join(", ", Types)}");
        }

        var s = new SweepStrategy
        {
            Type = type,
            Rounds = Int(map, "rounds", defaults.Rounds, 0),
            Points = Int(map, "points", defaults.Points, 2),
            TopK = Int(map, "top_k", defaults.TopK, 1),
            BudgetKey = SweepSections.Text(map, "budget_key"),
            MinBudget = Int(map, "min_budget", defaults.MinBudget, 1),
            MaxBudget = Int(map, "max_budget", defaults.MaxBudget, 1),
            Eta = Int(map, "eta", defaults.Eta, 2),
            Allocation = SweepSections.Text(map, "allocation")?.ToLowerInvariant() ?? defaults.Allocation,
            TotalTrials = map.ContainsKey("total_trials") ? Int(map, "total_trials", 1, 1) : null,
            TotalSeconds = map.TryGetValue("total_seconds", out object? ts) && ts is not null ? Positive(ts, "strategy.total_seconds") : null,
            Objectives = Names(map, "objectives"),
            Directions = [.. Names(map, "directions").Select(d => d.ToLowerInvariant() switch
            {
                "minimize" or "min" => StudyDirection.Minimize,
                "maximize" or "max" => StudyDirection.Maximize,
                _ => throw new ConfigException($"strategy.directions: '{d}' is not allowed; allowed: minimize, maximize"),
            })],
        };
        if (map.TryGetValue("ensemble", out object? e) && e is not null)
        {
            Dictionary<string, object?> em = SweepSections.Map(e, "strategy.ensemble", EnsembleKeys);
            double fraction = em.TryGetValue("top_fraction", out object? f) && f is not null ? SweepSections.Number(f, "strategy.ensemble.top_fraction") : defaults.EnsembleTopFraction;
            if (!(fraction > 0 && fraction <= 1))
            {
                throw new ConfigException($"strategy.ensemble.top_fraction: expected a number in (0, 1], got {ConfigTree.Format(f)}");
            }

            s = s with { EnsembleK = Int(em, "k", 3, 1, "strategy.ensemble.k"), EnsembleTopFraction = fraction };
        }

        Check(s, map);
        return s;
    }

    private static void Check(SweepStrategy s, Dictionary<string, object?> map)
    {
        // Keys of another strategy type are refused rather than silently ignored.
        string[] own = s.Type switch
        {
            Progressive => ["rounds", "points", "top_k"],
            Budget => ["budget_key", "min_budget", "max_budget", "eta", "allocation", "total_trials", "total_seconds"],
            MultiObjective => ["objectives", "directions"],
            _ => [],
        };
        if (map.Keys.FirstOrDefault(k => k is not "type" and not "ensemble" && !own.Contains(k)) is string stray)
        {
            throw new ConfigException($"strategy.{stray}: not a key of strategy type '{s.Type}'; its keys: {(own.Length == 0 ? "none (only ensemble)" : string.Join(", ", own))}, ensemble");
        }

        if (s.Type == Budget)
        {
            if (string.IsNullOrWhiteSpace(s.BudgetKey))
            {
                throw new ConfigException("strategy.budget_key: missing; name the override key that passes a trial its budget, e.g. budget_key: epochs");
            }

            if (!Allocations.Contains(s.Allocation))
            {
                throw new ConfigException($"strategy.allocation: '{s.Allocation}' is not allowed; allowed: {string.Join(", ", Allocations)}");
            }

            if (s.MaxBudget < s.MinBudget)
            {
                throw new ConfigException($"strategy.max_budget: {s.MaxBudget} is below min_budget {s.MinBudget}; give max_budget ≥ min_budget");
            }

            if ((s.TotalTrials is null) == (s.TotalSeconds is null))
            {
                throw new ConfigException("strategy.total_trials / strategy.total_seconds: give exactly one total budget (trials, or trial-seconds)");
            }
        }

        if (s.Type == MultiObjective)
        {
            if (s.Objectives.Count == 0)
            {
                throw new ConfigException($"strategy.objectives: missing; list the objectives after the target metric, e.g. objectives: [{TrialSeconds}]");
            }

            if (s.Directions.Count != 0 && s.Directions.Count != s.Objectives.Count)
            {
                throw new ConfigException($"strategy.directions: {s.Directions.Count} directions for {s.Objectives.Count} objectives; give one per objective (minimize or maximize)");
            }
        }
    }

    private static List<string> Names(Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key) switch
    {
        null => [],
        string one => [one],
        List<object?> list when list.All(v => v is string) => [.. list.Cast<string>()],
        object other => throw new ConfigException($"strategy.{key}: expected a list of names, got {ConfigTree.Format(other)}"),
    };

    private static int Int(Dictionary<string, object?> map, string key, int fallback, int min, string? where = null)
    {
        where ??= "strategy." + key;
        if (!map.TryGetValue(key, out object? v) || v is null)
        {
            return fallback;
        }

        double d = SweepSections.Number(v, where);
        return d == Math.Floor(d) && d >= min && d <= 1_000_000
            ? (int)d
            : throw new ConfigException($"{where}: expected an integer from {min.ToString(CultureInfo.InvariantCulture)} to 1000000, got {ConfigTree.Format(v)}");
    }

    private static double Positive(object v, string where)
    {
        double d = SweepSections.Number(v, where);
        return d > 0 && double.IsFinite(d) ? d : throw new ConfigException($"{where}: expected a positive number of seconds, got {ConfigTree.Format(v)}");
    }
}
