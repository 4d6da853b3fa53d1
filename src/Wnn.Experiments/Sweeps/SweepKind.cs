namespace Wnn.Experiments.Sweeps;

/// <summary>How a sweep chooses its jobs.</summary>
public enum SweepKind
{
    /// <summary>A fixed job list (every combination of the listed values, or a Hydra multirun's jobs).</summary>
    Grid,

    /// <summary>A study: a sampler proposes each job's parameters from their distributions (Bayesian, random, quasi-random…).</summary>
    Study,
}
