namespace Wnn.Experiments.Phased;

/// <summary>What the results JSON reports per phase: full-data CE (fitness) and accuracy of the phase's best genome.</summary>
public sealed record PhaseSummary(string Phase, string Name, double Fitness, double Accuracy, int Iterations);
