using System.Security.Cryptography;
using System.Text;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// The identity of a sweep: a canonical tree of what makes its results comparable (kind, command, fixed config, fixed
/// overrides, search space, job list, target metric and direction) and its SHA-256. Execution options, the layout and the
/// budget are not part of it, so a resume may change them.
/// </summary>
public static class SweepIdentity
{
    /// <summary>The canonical tree.</summary>
    public static Dictionary<string, object?> Canonical(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var canonical = new Dictionary<string, object?>
        {
            ["kind"] = definition.Kind.ToString().ToLowerInvariant(),
            ["command"] = definition.Command.Select(c => (object?)c).ToList(),
            ["config"] = ConfigTree.Clone(definition.Config.ToDictionary(kv => kv.Key, kv => kv.Value)),
            ["fixed_overrides"] = definition.BaseOverrides.Select(kv => (object?)(kv.Key + "=" + ConfigTree.Format(kv.Value))).ToList(),
            ["parameters"] = definition.Parameters.ToDictionary(p => p.Name, p => (object?)p.Distribution.Describe()),
            ["jobs"] = definition.Jobs.Select(j => (object?)string.Join(" ", j.Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)))).ToList(),
            ["target_metric"] = definition.Optimization.TargetMetric,
            ["direction"] = definition.Optimization.Direction.ToString().ToLowerInvariant(),
        };
        if (definition.Parameters.Any(p => p.Rows is not null))
        {
            // Only sweeps with table parameters carry this key, so the identity of every other sweep is unchanged.
            canonical[TablesKey] = definition.Parameters.Where(p => p.Rows is not null)
                .ToDictionary(p => p.Name, p => (object?)p.Rows!.Select(r => (object?)SweepParameter.FormatRow(r)).ToList());
        }

        if (definition.Strategy.Type != Strategies.SweepStrategyReader.None)
        {
            // Only strategy sweeps carry this key. What changes results is identity; rounds and the total budget may change on resume.
            Strategies.SweepStrategy s = definition.Strategy;
            canonical["strategy"] = new Dictionary<string, object?>
            {
                ["type"] = s.Type,
                ["points"] = s.Type == Strategies.SweepStrategyReader.Progressive ? s.Points : null,
                ["top_k"] = s.Type == Strategies.SweepStrategyReader.Progressive ? s.TopK : null,
                ["budget"] = s.Type == Strategies.SweepStrategyReader.Budget ? $"{s.BudgetKey} {s.MinBudget}..{s.MaxBudget} eta {s.Eta} {s.Allocation} seed {definition.Optimization.Seed}" : null,
            };
        }

        if (definition.Directions.Count > 1)
        {
            canonical["objectives"] = definition.ObjectiveNames.Select((n, i) => (object?)(n + " " + definition.Directions[i].ToString().ToLowerInvariant())).ToList();
        }

        if (definition.ComposedJobs is { } composed)
        {
            // Each job's own composition: an edited group option changes the jobs that select it.
            canonical["job_configs"] = Enumerable.Range(0, composed.Count).ToDictionary(
                j => j.ToString(System.Globalization.CultureInfo.InvariantCulture), j => (object?)composed[j].Fingerprint);
        }

        return canonical;
    }

    /// <summary>
    /// How the table parameters differ between two canonical trees, e.g. "the table of arch_idx changed: 30 rows, now 28;
    /// row 0 was d_model=96 …, now d_model=64 …"; null when they are the same.
    /// </summary>
    public static string? TableChanges(IReadOnlyDictionary<string, object?> stored, IReadOnlyDictionary<string, object?> current)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(current);
        var before = Tables(stored);
        var now = Tables(current);
        var changes = new List<string>();
        foreach (string name in before.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            List<string> a = before.GetValueOrDefault(name) ?? [], b = now.GetValueOrDefault(name) ?? [];
            if (a.SequenceEqual(b))
            {
                continue;
            }

            int i = Enumerable.Range(0, Math.Max(a.Count, b.Count)).First(k => k >= a.Count || k >= b.Count || a[k] != b[k]);
            changes.Add($"the table of {name} changed: {a.Count} rows, now {b.Count}; row {i} was {(i < a.Count ? a[i] : "absent")}, now {(i < b.Count ? b[i] : "absent")}");
        }

        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

    private const string TablesKey = "tables";

    private static Dictionary<string, List<string>> Tables(IReadOnlyDictionary<string, object?> tree) =>
        tree.GetValueOrDefault(TablesKey) is IReadOnlyDictionary<string, object?> t
            ? t.ToDictionary(kv => kv.Key, kv => kv.Value is List<object?> rows ? rows.Select(r => ConfigTree.Format(r)).ToList() : [])
            : [];

    /// <summary>The hex SHA-256 (first 16 digits) of the canonical tree.</summary>
    public static string Hash(SweepDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ConfigTree.ToYaml(Canonical(definition)))))[..16];

    /// <summary>The dotted keys whose values differ between two canonical trees (added, removed or changed).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, object?> stored, IReadOnlyDictionary<string, object?> current)
    {
        var a = ConfigTree.Flatten(stored).ToDictionary(kv => kv.Key, kv => kv.Value);
        var b = ConfigTree.Flatten(current).ToDictionary(kv => kv.Key, kv => kv.Value);
        return [.. a.Keys.Union(b.Keys).Where(k => !a.TryGetValue(k, out string? x) || !b.TryGetValue(k, out string? y) || x != y).Order(StringComparer.Ordinal)];
    }
}
