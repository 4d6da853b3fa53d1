namespace Wnn.Experiments.Search;

/// <summary>One progress update.</summary>
/// <param name="Event">"baseline", "phase_start", "iteration", "phase_end", "checkpoint" or "done".</param>
/// <param name="Pass">Pass number.</param>
/// <param name="Phase">Phase key, e.g. "1a" (empty for the baseline).</param>
/// <param name="PhaseName">Phase name, e.g. "ga_neurons".</param>
/// <param name="Iteration">Iterations completed in the phase.</param>
/// <param name="MaxIterations">Iteration budget of the phase.</param>
/// <param name="BestCrossEntropy">Best CE so far (on the phase's data part; full data at baseline and phase end).</param>
/// <param name="BestAccuracy">Accuracy of that genome.</param>
/// <param name="PatienceCounter">Early-stopping counter.</param>
/// <param name="Patience">Patience.</param>
/// <param name="GenomesPerSecond">Evaluations per second in the phase.</param>
/// <param name="Eta">Estimated time left in the phase at the current pace (null when unknown).</param>
/// <param name="Message">Extra text, e.g. a checkpoint path or a pressure change.</param>
/// <param name="MeanCrossEntropy">Mean CE of the population (iteration events).</param>
/// <param name="MeanAccuracy">Mean accuracy of the population (iteration events).</param>
/// <param name="Threshold">Accuracy threshold in effect for the iteration (iteration events).</param>
public sealed record SearchProgress(
    string Event, int Pass, string Phase, string PhaseName, int Iteration, int MaxIterations, double BestCrossEntropy, double BestAccuracy,
    int PatienceCounter, int Patience, double GenomesPerSecond, TimeSpan? Eta, string? Message = null, double? MeanCrossEntropy = null,
    double? MeanAccuracy = null, double? Threshold = null);
