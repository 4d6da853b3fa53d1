using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Experiments.Sweeps;

/// <summary>Sampler and pruner names accepted by sweep configs and the CLI (case-insensitive; Optuna's class names work too).</summary>
public static class SweepCatalog
{
    /// <summary>Sampler names of study sweeps.</summary>
    public static IReadOnlyList<string> Samplers => SamplerCatalog.Names;

    /// <summary>Pruner names.</summary>
    public static IReadOnlyList<string> Pruners { get; } = ["none", "median", "percentile", "successive_halving", "hyperband", "threshold", "patient"];

    /// <summary>The canonical sampler name of a user spelling (TPE, TPESampler, CmaEs, Random…); throws naming the known ones.</summary>
    public static string SamplerName(string name, string where)
    {
        string n = Normalize(name, "sampler");
        string canonical = n switch
        {
            "cmaes" or "cma" => "cmaes",
            "tpemultivariate" => "tpe-multivariate",
            "tpemultivariategroup" => "tpe-multivariate-group",
            "sobol" => "qmc",
            "latinhypercube" => "lhs",
            _ => n,
        };
        return SamplerCatalog.Names.Contains(canonical)
            ? canonical
            : throw new ConfigException($"{where}: unknown sampler '{name}'; known: {string.Join(", ", SamplerCatalog.Names)}");
    }

    /// <summary>The canonical pruner name, or null for none; throws naming the known ones.</summary>
    public static string? PrunerName(string? name, string where)
    {
        if (name is null)
        {
            return null;
        }

        string n = Normalize(name, "pruner");
        return n switch
        {
            "none" or "nop" or "" => null,
            "median" or "percentile" or "hyperband" or "threshold" or "patient" => n,
            "successivehalving" or "sha" or "asha" => "successive_halving",
            _ => throw new ConfigException($"{where}: unknown pruner '{name}'; known: {string.Join(", ", Pruners)}"),
        };
    }

    /// <summary>Creates the pruner of an optimization section (a Nop pruner when none is set).</summary>
    public static IPruner CreatePruner(SweepOptimization optimization)
    {
        ArgumentNullException.ThrowIfNull(optimization);
        IReadOnlyDictionary<string, object?> o = optimization.PrunerOptions;
        int I(string key, int fallback) => o.TryGetValue(key, out object? v) && v is not null ? System.Convert.ToInt32(v, CultureInfo.InvariantCulture) : fallback;
        double? D(string key) => o.TryGetValue(key, out object? v) && v is not null ? System.Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;
        try
        {
            return optimization.Pruner switch
            {
                null => new NopPruner(),
                "median" => new MedianPruner(I("n_startup_trials", 5), I("n_warmup_steps", 0), I("interval_steps", 1), I("n_min_trials", 1)),
                "percentile" => new PercentilePruner(D("percentile") ?? 25, I("n_startup_trials", 5), I("n_warmup_steps", 0), I("interval_steps", 1), I("n_min_trials", 1)),
                "successive_halving" => new SuccessiveHalvingPruner(o.ContainsKey("min_resource") ? I("min_resource", 1) : null, I("reduction_factor", 4), I("min_early_stopping_rate", 0)),
                "hyperband" => new HyperbandPruner(I("min_resource", 1), o.ContainsKey("max_resource") ? I("max_resource", 1) : null, I("reduction_factor", 3)),
                "threshold" => new ThresholdPruner(D("lower"), D("upper"), I("n_warmup_steps", 0), I("interval_steps", 1)),
                "patient" => new PatientPruner(null, I("patience", 3), D("min_delta") ?? 0),
                _ => throw new ConfigException($"optimization.pruner: unknown pruner '{optimization.Pruner}'; known: {string.Join(", ", Pruners)}"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ConfigException($"optimization.pruner '{optimization.Pruner}': {ex.Message}", ex);
        }
    }

    private static string Normalize(string name, string suffix)
    {
        string n = name.Trim().ToLowerInvariant().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return n.EndsWith(suffix, StringComparison.Ordinal) && n.Length > suffix.Length ? n[..^suffix.Length] : n;
    }
}
