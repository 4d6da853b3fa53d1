namespace Wnn.Ram.Baselines;

/// <summary>Metrics of one baseline model on the evaluation targets, with the same definitions as the RAM LM's.</summary>
/// <param name="CrossEntropy">Mean of -ln(p_target + 1e-10) in nats, as for the RAM LM.</param>
/// <param name="Accuracy">Share of targets that are the model's most probable token (ties: the lowest token id).</param>
public sealed record BaselineScore(double CrossEntropy, double Accuracy)
{
    /// <summary>e^CE.</summary>
    public double Perplexity => Math.Exp(CrossEntropy);
}
