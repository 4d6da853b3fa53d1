using Wnn.Experiments.Config;
using Wnn.Ram.Baselines;
using Wnn.Ram.Evaluation;

namespace Wnn.Experiments.Phased;

/// <summary>The outcome of a pass: what the results JSON (--output) holds.</summary>
/// <param name="Pass">Pass number.</param>
/// <param name="Patience">Patience in effect.</param>
/// <param name="Seed">Effective seed (reproduces the run).</param>
/// <param name="Config">Effective configuration.</param>
/// <param name="Baseline">Full-data metrics of the starting genome.</param>
/// <param name="Phases">Per-phase summaries in run order.</param>
/// <param name="Final">Best genome of the last phase with its full-data CE and accuracy.</param>
/// <param name="FinalPopulation">Final population of the last phase, best first.</param>
/// <param name="FinalThreshold">Accuracy threshold at the end.</param>
/// <param name="Timestamp">When the pass finished.</param>
/// <param name="ElapsedSeconds">Wall time of this process's share of the pass.</param>
public sealed record PhasedRunResult(
    int Pass, int Patience, ulong Seed, PhasedConfig Config, EvaluationResult Baseline, IReadOnlyList<PhaseSummary> Phases,
    ScoredGenome Final, IReadOnlyList<ScoredGenome> FinalPopulation, double FinalThreshold, DateTimeOffset Timestamp, double ElapsedSeconds)
{
    /// <summary>With <c>score_scale: auto</c>, the τ the run used and what it was fitted on; else null.</summary>
    public ScoreScaleFitResult? ScoreScaleFit { get; init; }

    /// <summary>The n-gram baselines on the run's training and evaluation tokens (null when not computed).</summary>
    public BaselineReport? NgramBaselines { get; init; }
}
