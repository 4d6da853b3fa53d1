using Wnn.Experiments.Config;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// A minimal Hydra multirun reader: <c>hydra.sweeper.params</c> values are comma lists (<c>none,linear,vq</c>) or single values;
/// command-line overrides <c>key=a,b</c> add or replace sweeper params (<c>hydra.…=v</c> sets the hydra node); jobs are the
/// product of the params in order, the last varying fastest (as Hydra's basic sweeper). A group choice <c>a/b=x</c> is
/// recorded as the value of key <c>a.b</c> (no composition from config groups). No quoting, ranges or sweep functions.
/// </summary>
public sealed class BasicHydraMultirun : IHydraMultirun
{
    /// <inheritdoc />
    public HydraMultirunPlan Plan(IReadOnlyDictionary<string, object?> root, IReadOnlyList<string> overrides, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(overrides);
        var tree = (Dictionary<string, object?>)ConfigTree.Clone(root.ToDictionary(kv => kv.Key, kv => kv.Value))!;
        var pairs = new List<KeyValuePair<string, object?>>();
        if (ConfigTree.TryGet(tree, "hydra.sweeper.params", out object? p) && p is not null)
        {
            pairs.AddRange(SweepSections.Map(p, "hydra.sweeper.params", null));
        }

        foreach (string o in overrides)
        {
            int eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigException($"override '{o}': expected key=value (or key=a,b,c to sweep)");
            }

            string key = o[..eq].Trim().TrimStart('+');
            string value = o[(eq + 1)..];
            if (key.StartsWith("hydra.", StringComparison.Ordinal))
            {
                ConfigTree.Set(tree, key, ConfigTree.ParseValue(value));
                continue;
            }

            int at = pairs.FindIndex(kv => kv.Key == key);
            if (at >= 0)
            {
                pairs[at] = new(key, value); // a command-line value replaces the config's in place
            }
            else
            {
                pairs.Add(new(key, value));
            }
        }

        var axes = new List<(string Key, List<object?> Values)>();
        foreach ((string key, object? value) in pairs)
        {
            List<object?> values = value switch
            {
                string s => [.. SplitTopLevel(s).Select(ConfigTree.Scalar)],
                List<object?> list => list,
                Dictionary<string, object?> => throw new ConfigException($"hydra.sweeper.params.{key}: expected a value or a comma list, got a mapping"),
                _ => [value],
            };
            if (values.Count == 0)
            {
                throw new ConfigException($"hydra.sweeper.params.{key}: no values");
            }

            if (values.Distinct().Count() != values.Count)
            {
                throw new ConfigException($"hydra.sweeper.params.{key}: a value is listed twice in {ConfigTree.Format(values)}");
            }

            axes.Add((key, values));
        }

        string Lookup(string key) => ConfigTree.TryGet(tree, key, out object? v) && v is not (null or Dictionary<string, object?> or List<object?>) ? ConfigTree.Format(v) : null!;
        string dirTemplate = ConfigTree.TryGet(tree, "hydra.sweep.dir", out object? d) && d is string ds ? ds : "multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}";
        string subdir = ConfigTree.TryGet(tree, "hydra.sweep.subdir", out object? sd) && sd is not null ? ConfigTree.Format(sd) : "${hydra.job.num}";
        string? jobName = ConfigTree.TryGet(tree, "hydra.job.name", out object? jn) && jn is string jns ? Interpolation.Resolve(jns, now, Lookup, "hydra.job.name") : null;
        string dir = Interpolation.Resolve(dirTemplate, now, k => k == "hydra.job.name" && jobName is not null ? jobName : Lookup(k), "hydra.sweep.dir");
        tree.Remove("hydra");
        return new HydraMultirunPlan
        {
            Config = tree,
            Jobs = SchemaSweepReader.Product(axes),
            SweepDir = dir,
            SubdirTemplate = subdir,
            JobName = jobName,
        };
    }

    private static List<string> SplitTopLevel(string s)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] is '[' or '{' or '(')
            {
                depth++;
            }
            else if (s[i] is ']' or '}' or ')')
            {
                depth--;
            }
            else if (s[i] == ',' && depth == 0)
            {
                parts.Add(s[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(s[start..].Trim());
        return parts;
    }
}
