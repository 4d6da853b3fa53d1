namespace Wnn.Experiments.Phased;

/// <summary>The optimizer of a phase.</summary>
public enum PhaseKind
{
    /// <summary>Genetic algorithm (the "a" phases).</summary>
    GeneticAlgorithm,

    /// <summary>Tabu search (the "b" phases).</summary>
    TabuSearch,
}
