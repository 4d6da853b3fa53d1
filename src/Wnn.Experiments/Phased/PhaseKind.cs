namespace Wnn.Experiments.Phased;

/// <summary>The optimizer of a phase.</summary>
public enum PhaseKind
{
    /// <summary>Genetic algorithm (the "a" phases of the standard pass).</summary>
    GeneticAlgorithm,

    /// <summary>Tabu search (the "b" phases of the standard pass).</summary>
    TabuSearch,

    /// <summary>Grid search over neurons × bits (docs/flows.md).</summary>
    Grid,
}
