namespace Wnn.Ram.Evaluation;

/// <summary>Metrics of one genome on the evaluation examples.</summary>
/// <param name="CrossEntropy">Mean of -ln(p_target + 1e-10) in nats.</param>
/// <param name="Accuracy">Share of examples whose argmax cluster (ties: highest index) is the target.</param>
public sealed record EvaluationResult(double CrossEntropy, double Accuracy)
{
    /// <summary>e^CE.</summary>
    public double Perplexity => Math.Exp(CrossEntropy);

    /// <summary>The mean loss and the share of correct examples, summed in example order (so every evaluator rounds alike).</summary>
    public static EvaluationResult FromExamples(ReadOnlySpan<double> losses, ReadOnlySpan<bool> correct)
    {
        if (losses.Length != correct.Length)
        {
            throw new ArgumentException($"need as many losses as flags; got {losses.Length} and {correct.Length}");
        }

        double sum = 0;
        int hits = 0;
        for (int i = 0; i < losses.Length; i++)
        {
            sum += losses[i];
            hits += correct[i] ? 1 : 0;
        }

        return new EvaluationResult(sum / losses.Length, (double)hits / losses.Length);
    }
}
