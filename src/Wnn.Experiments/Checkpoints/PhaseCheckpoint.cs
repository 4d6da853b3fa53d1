using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;

namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// A phase checkpoint: the run context (seed, baseline, phases completed before this one) and either the phase's
/// result (complete) or its loop state (mid-phase).
/// </summary>
/// <param name="Phase">Phase key, e.g. "2a".</param>
/// <param name="Name">Phase name, e.g. "ga_bits".</param>
/// <param name="Pass">Pass number.</param>
/// <param name="Seed">Effective run seed.</param>
/// <param name="Baseline">Full-data metrics of the starting genome.</param>
/// <param name="CompletedPhases">Summaries of the phases completed before this one.</param>
/// <param name="Result">The phase's result when it completed.</param>
/// <param name="State">The loop state of an unfinished phase.</param>
/// <param name="Config">Configuration values as written (snake_case key → text), for information and re-use.</param>
public sealed record PhaseCheckpoint(
    string Phase, string Name, int Pass, ulong Seed, EvaluationResult Baseline, IReadOnlyList<PhaseSummary> CompletedPhases,
    PhaseResult? Result, PhaseState? State, IReadOnlyDictionary<string, string?> Config)
{
    /// <summary>Whether the phase finished.</summary>
    public bool IsComplete => Result is not null;

    /// <summary>Hash of the token streams the run used (<see cref="PhasedData.Fingerprint"/>); null in older files.</summary>
    public string? DataFingerprint { get; init; }

    /// <summary>The τ fitted for <c>score_scale: auto</c> at the run's start; a resume reuses it instead of fitting again. Null otherwise and in older files.</summary>
    public ScoreScaleFitResult? ScoreScaleFit { get; init; }
}
