namespace Wnn.Search.Samplers;

/// <summary>Settings of <see cref="CmaEsSampler"/>.</summary>
public sealed record CmaEsOptions
{
    /// <summary>Random seed. Default null (not reproducible).</summary>
    public long? Seed { get; init; }

    /// <summary>Initial step size in the unit cube of the search space. Default 1/6 (Optuna: a sixth of the smallest range).</summary>
    public double Sigma0 { get; init; } = 1.0 / 6;

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
