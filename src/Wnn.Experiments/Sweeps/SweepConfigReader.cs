using Wnn.Experiments.Config;
using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Reads a sweep config file in any accepted form (seed 003's schema, a Hydra config composed from its config directory, or a
/// seed-002 architectural HPO config with <c>training_search_space</c>) into a <see cref="SweepDefinition"/>.
/// </summary>
public static class SweepConfigReader
{
    /// <summary>Reads a config file with command-line overrides (<c>key=value</c>, <c>key=a,b</c> to sweep).</summary>
    /// <exception cref="ConfigException">The file, a key or a value is invalid; the message names it.</exception>
    public static SweepDefinition Read(string path, IReadOnlyList<string> overrides, SweepReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(overrides);
        options ??= new SweepReadOptions();
        Dictionary<string, object?> root = ConfigTree.Load(path);
        if (IsHydra(root))
        {
            return HydraSweepReader.Read(path, overrides, options);
        }

        if (ArchitecturalSweepReader.Accepts(root))
        {
            return ArchitecturalSweepReader.Read(root, path, overrides, options);
        }

        foreach (string o in overrides)
        {
            ApplySchemaOverride(root, o);
        }

        return SchemaSweepReader.Read(root, path, options);
    }

    /// <summary>True for a Hydra config: a defaults list (a primary config of a config directory), or a <c>hydra</c> node
    /// with a sweeper, sweep dir or mode.</summary>
    public static bool IsHydra(IReadOnlyDictionary<string, object?> root) =>
        root.ContainsKey("defaults")
        || (root.TryGetValue("hydra", out object? h) && h is Dictionary<string, object?> hydra && (hydra.ContainsKey("sweeper") || hydra.ContainsKey("sweep") || hydra.ContainsKey("mode")));

    private static void ApplySchemaOverride(Dictionary<string, object?> root, string o)
    {
        int eq = o.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ConfigException($"override '{o}': expected key=value (or key=a,b,c to sweep a list)");
        }

        string key = o[..eq].Trim().TrimStart('+');
        string text = o[(eq + 1)..];
        object? value = ConfigTree.ParseValue(text);
        if (value is string s && s.Contains(',', StringComparison.Ordinal) && !text.TrimStart().StartsWith('"') && !text.TrimStart().StartsWith('\''))
        {
            value = s.Split(',').Select(v => ConfigTree.Scalar(v.Trim())).ToList();
        }

        string first = key.Split('.')[0];
        if (first is "sweep_type" or "name" or "sweep_dir" or "subdir" or "experiment" or "parameters" or "execution" or "optimization" or "slurm" or SweepTracking.Key or "strategy")
        {
            ConfigTree.Set(root, key, value);
        }
        else if (root.GetValueOrDefault("parameters") is Dictionary<string, object?> p && p.ContainsKey(key))
        {
            p[key] = value;
        }
        else
        {
            if (root.GetValueOrDefault("experiment") is not Dictionary<string, object?> e)
            {
                e = [];
                root["experiment"] = e;
            }

            e[key] = value;
        }
    }
}
