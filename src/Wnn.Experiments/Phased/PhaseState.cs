namespace Wnn.Experiments.Phased;

/// <summary>
/// The loop state of a phase between two iterations: everything a resumed run needs to continue exactly
/// (random numbers come from per-iteration streams of the run seed, so no generator state is carried).
/// </summary>
/// <param name="Iteration">Iterations completed; the next one to run.</param>
/// <param name="Population">Current population with metrics on the current data part, sorted by fitness.</param>
/// <param name="ThresholdStart">Accuracy threshold at the start of the phase.</param>
/// <param name="PatienceCounter">Early-stopping counter.</param>
/// <param name="LastCheckBest">Best CE at the last early-stopping check.</param>
/// <param name="GlobalBest">Best CE seen in this phase (aspiration criterion).</param>
/// <param name="Part">Training part of the current population's metrics.</param>
/// <param name="TabuMoves">Remembered tabu moves, oldest first (TS only).</param>
public sealed record PhaseState(
    int Iteration, IReadOnlyList<ScoredGenome> Population, double ThresholdStart, int PatienceCounter, double LastCheckBest,
    double GlobalBest, int Part, IReadOnlyList<int[]> TabuMoves);
