namespace Wnn.Search.Samplers;

/// <summary>How NSGA-II recombines two parents.</summary>
public enum Nsga2Crossover
{
    /// <summary>Each parameter from either parent with probability <see cref="Nsga2Options.SwappingProbability"/>.</summary>
    Uniform,

    /// <summary>Simulated binary crossover on numeric parameters (unit space); categorical ones as uniform.</summary>
    SimulatedBinary,
}

/// <summary>Settings of <see cref="Nsga2Sampler"/>; defaults follow Optuna.</summary>
public sealed record Nsga2Options
{
    /// <summary>Random seed. Default null (not reproducible).</summary>
    public long? Seed { get; init; }

    /// <summary>Trials per generation. Default 50.</summary>
    public int PopulationSize { get; init; } = 50;

    /// <summary>Probability that a parameter is resampled at random; null means 1 / number of parameters.</summary>
    public double? MutationProbability { get; init; }

    /// <summary>Probability that a child is a crossover of two parents rather than a copy of one. Default 0.9.</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>Uniform crossover: probability of taking a parameter from the second parent. Default 0.5.</summary>
    public double SwappingProbability { get; init; } = 0.5;

    /// <summary>The crossover operator. Default uniform.</summary>
    public Nsga2Crossover Crossover { get; init; } = Nsga2Crossover.Uniform;

    /// <summary>Distribution index of simulated binary crossover (larger: children closer to parents). Default 20.</summary>
    public double SbxEta { get; init; } = 20;
}
