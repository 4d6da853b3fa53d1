namespace Wnn.Experiments.Phased;

/// <summary>The outcome of one phase, handed to the next.</summary>
/// <param name="Phase">Phase key, e.g. "1a".</param>
/// <param name="Name">Phase name, e.g. "ga_neurons".</param>
/// <param name="Best">Best genome by full-data CE among the top of the final population, with its full-data metrics.</param>
/// <param name="FinalPopulation">Final population sorted by fitness, with metrics on the phase's data part.</param>
/// <param name="FinalThreshold">Accuracy threshold at the end of the phase.</param>
/// <param name="Iterations">Generations or iterations run.</param>
/// <param name="EarlyStopped">Whether patience ran out.</param>
public sealed record PhaseResult(
    string Phase, string Name, ScoredGenome Best, IReadOnlyList<ScoredGenome> FinalPopulation, double FinalThreshold, int Iterations, bool EarlyStopped)
{
    /// <summary>The summary line for the results JSON.</summary>
    public PhaseSummary Summary => new(Phase, Name, Best.CrossEntropy, Best.Accuracy, Iterations);
}
