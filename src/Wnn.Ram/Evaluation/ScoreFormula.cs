namespace Wnn.Ram.Evaluation;

/// <summary>The one definition of a cluster score, shared by every evaluator so that ties compare identically.</summary>
public static class ScoreFormula
{
    /// <summary>s = (#TRUE + e * #EMPTY) / n.</summary>
    public static double Score(int trues, int empties, int neurons, double emptyValue) =>
        (trues + (emptyValue * empties)) / neurons;

    /// <summary>The softmax input b + τ·s (b = 0 without an output bias); also the key the argmax ranks by.</summary>
    public static double Logit(double bias, double scale, double score) => bias + (scale * score);
}
