using Wnn.Launchers;

namespace Wnn.Experiments.Sweeps;

/// <summary>The outcome of <see cref="SweepRerun"/>: the recorded and the new value of the target metric, and whether they agree.</summary>
/// <param name="Trial">The trial number.</param>
/// <param name="Metric">The target metric (null: the sweep has none; then the exit code decides).</param>
/// <param name="Recorded">The value recorded for the trial.</param>
/// <param name="Rerun">The value of the rerun (null when it reported none).</param>
/// <param name="RunDir">The fresh run directory.</param>
/// <param name="Exit">How the rerun ended.</param>
/// <param name="Match">True when the rerun succeeded and its value is within the tolerance of the recorded one.</param>
public sealed record SweepRerunResult(int Trial, string? Metric, double Recorded, double? Rerun, string RunDir, TrialExit Exit, bool Match);
