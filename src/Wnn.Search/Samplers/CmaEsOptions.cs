namespace Wnn.Search.Samplers;

/// <summary>Settings of <see cref="CmaEsSampler"/>.</summary>
public sealed record CmaEsOptions
{
    /// <summary>Random seed. Default null (not reproducible).</summary>
    public long? Seed { get; init; }

    /// <summary>
    /// Initial step size as Optuna's <c>sigma0</c>: in the units of the parameters (log units for log parameters; an integer
    /// range counts its cells). It is divided by the smallest parameter range to get the step size in the unit cube where the
    /// search runs (capped at 1). Null (default): <see cref="Sigma0Unit"/>. Setting both is an error.
    /// </summary>
    public double? Sigma0 { get; init; }

    /// <summary>Initial step size in the unit cube of the search space, in (0, 1]. Default 1/6 (equal to Optuna's default sigma0 = smallest range / 6).</summary>
    public double Sigma0Unit { get; init; } = 1.0 / 6;

    /// <summary>Initial mean as Optuna's <c>x0</c>: user-facing values by parameter name; parameters not listed start at the centre. Default none.</summary>
    public IReadOnlyDictionary<string, object?>? X0 { get; init; }

    /// <summary>Separable CMA-ES (diagonal covariance, faster learning rates; Optuna's use_separable_cma): better in high dimensions on axis-aligned problems. Default false.</summary>
    public bool Separable { get; init; }

    /// <summary>Population size of the first run; null means 4 + floor(3 ln n).</summary>
    public int? PopulationSize { get; init; }

    /// <summary>Restart with a doubled population (IPOP-CMA-ES) when a run converges or stalls. Default true.</summary>
    public bool IpopRestarts { get; init; } = true;

    /// <summary>Population growth factor per IPOP restart. Default 2.</summary>
    public int IncreasePopulationFactor { get; init; } = 2;

    /// <summary>Keep a minimum spread along integer and stepped axes so rounding cannot freeze them. Default true.</summary>
    public bool WithMargin { get; init; } = true;

    /// <summary>Trials sampled independently (at random) before CMA-ES starts. Default 0 (the first trial still is random: it defines the search space).</summary>
    public int NStartupTrials { get; init; }
}
