namespace Wnn.Experiments.Phased;

/// <summary>One progress update.</summary>
/// <param name="Event">"baseline", "phase_start", "iteration", "phase_end", "checkpoint" or "done".</param>
/// <param name="Pass">Pass number.</param>
/// <param name="Phase">Phase key, e.g. "1a" (empty for the baseline).</param>
/// <param name="PhaseName">Phase name, e.g. "ga_neurons".</param>
/// <param name="Iteration">Iterations completed in the phase.</param>
/// <param name="MaxIterations">Iteration budget of the phase.</param>
/// <param name="BestCrossEntropy">
/// Best CE in nats so far: on the phase's rotating training part for phase_start, iteration and checkpoint events;
/// on the full data for baseline, phase_end and done events.
/// </param>
/// <param name="BestAccuracy">Accuracy of that genome.</param>
/// <param name="PatienceCounter">Early-stopping counter.</param>
/// <param name="Patience">Patience.</param>
/// <param name="GenomesPerSecond">Evaluations per second in the phase.</param>
/// <param name="Eta">Estimated time left in the phase at the current pace (null when unknown).</param>
/// <param name="PassEta">
/// Estimated time left in the whole pass: the phase's ETA plus the iteration budgets of the phases after it at the
/// current evaluation rate (an upper bound, since patience may end phases early; null when unknown).
/// </param>
/// <param name="Message">Extra text, e.g. a checkpoint path or a pressure change.</param>
/// <param name="MeanCrossEntropy">Mean CE of the population (iteration events).</param>
/// <param name="MeanAccuracy">Mean accuracy of the population (iteration events).</param>
/// <param name="Threshold">Accuracy threshold in effect for the iteration (iteration events).</param>
public sealed record PhasedProgress(
    string Event, int Pass, string Phase, string PhaseName, int Iteration, int MaxIterations, double BestCrossEntropy, double BestAccuracy,
    int PatienceCounter, int Patience, double GenomesPerSecond, TimeSpan? Eta, string? Message = null, double? MeanCrossEntropy = null,
    double? MeanAccuracy = null, double? Threshold = null, TimeSpan? PassEta = null)
{
    /// <summary>Whether <see cref="BestCrossEntropy"/> and <see cref="BestAccuracy"/> are on the full data (else the training part).</summary>
    public bool IsFullData => Event is "baseline" or "phase_end" or "done";
}
