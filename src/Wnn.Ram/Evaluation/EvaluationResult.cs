namespace Wnn.Ram.Evaluation;

/// <summary>Metrics of one genome on the evaluation examples.</summary>
/// <param name="CrossEntropy">Mean of -ln(p_target + 1e-10) in nats.</param>
/// <param name="Accuracy">Share of examples whose argmax cluster (ties: highest index) is the target.</param>
public sealed record EvaluationResult(double CrossEntropy, double Accuracy)
{
    /// <summary>e^CE.</summary>
    public double Perplexity => Math.Exp(CrossEntropy);
}
