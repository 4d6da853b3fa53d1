namespace Wnn.Search.Samplers;

/// <summary>Creates samplers by name (for command lines and configuration files).</summary>
public static class SamplerCatalog
{
    /// <summary>All sampler names. tpe-multivariate is Optuna's multivariate=True; tpe-multivariate-group adds group=True (conditional spaces).</summary>
    public static IReadOnlyList<string> Names { get; } = ["random", "tpe", "tpe-multivariate", "tpe-multivariate-group", "qmc", "lhs", "cmaes", "nsga2"];

    /// <summary>Creates a sampler; plannedTrials sizes the Latin hypercube. Throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static ISampler Create(string name, long? seed, int plannedTrials)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "random" => new RandomSampler(seed),
            "tpe" => new TpeSampler(seed),
            // As Optuna's multivariate=True (no grouping); the grouped form is Optuna's multivariate=True, group=True.
            "tpe-multivariate" => new TpeSampler(new TpeOptions { Seed = seed, Multivariate = true }),
            "tpe-multivariate-group" => new TpeSampler(new TpeOptions { Seed = seed, Multivariate = true, Group = true }),
            "qmc" => new QmcSampler(seed),
            "lhs" => new LatinHypercubeSampler(Math.Max(1, plannedTrials), seed),
            "cmaes" => new CmaEsSampler(seed),
            "nsga2" => new Nsga2Sampler(seed),
            _ => throw new ArgumentException($"Unknown sampler '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
