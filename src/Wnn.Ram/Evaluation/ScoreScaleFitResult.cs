namespace Wnn.Ram.Evaluation;

/// <summary>A fitted score scale and what it was fitted on.</summary>
/// <param name="ScoreScale">The fitted τ.</param>
/// <param name="HeldOutCrossEntropy">CE on the held-out slice at that τ (nats).</param>
/// <param name="FitExamples">Training examples the memory was trained on for the fit.</param>
/// <param name="HeldOutExamples">Held-out examples τ was chosen on.</param>
public sealed record ScoreScaleFitResult(double ScoreScale, double HeldOutCrossEntropy, int FitExamples, int HeldOutExamples);
