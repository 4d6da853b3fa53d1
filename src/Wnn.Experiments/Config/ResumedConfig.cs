namespace Wnn.Experiments.Config;

/// <summary>The configuration of a resumed run and the safe changes applied to the checkpoint's values.</summary>
/// <param name="Config">The configuration to run with (what the results record).</param>
/// <param name="Applied">One line per safe key changed on resume, e.g. "ts_iterations 200 -> 400".</param>
public sealed record ResumedConfig(PhasedConfig Config, IReadOnlyList<string> Applied)
{
    /// <summary>The τ the interrupted run fitted for <c>score_scale: auto</c> (from its checkpoint), to reuse; null when none was written.</summary>
    public Ram.Evaluation.ScoreScaleFitResult? ScoreScaleFit { get; init; }
}
