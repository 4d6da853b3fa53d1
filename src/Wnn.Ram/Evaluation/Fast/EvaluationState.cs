namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Per-position results of one evaluated genome, kept so that a child genome can be evaluated incrementally:
/// the softmax normalizer, the target's score, and the exact top-<see cref="K"/> clusters by (score desc, index desc)
/// of which the first <see cref="Valid"/> entries are known to be exact.
/// </summary>
internal sealed class EvaluationState
{
    public const int K = 4;

    public EvaluationState(int count)
    {
        Count = count;
        ZSum = new Int128[count];
        TargetScore = new double[count];
        TopScore = new double[count * K];
        TopCluster = new int[count * K];
        Valid = new byte[count];
    }

    private EvaluationState(EvaluationState other)
    {
        Count = other.Count;
        ZSum = (Int128[])other.ZSum.Clone();
        TargetScore = (double[])other.TargetScore.Clone();
        TopScore = (double[])other.TopScore.Clone();
        TopCluster = (int[])other.TopCluster.Clone();
        Valid = (byte[])other.Valid.Clone();
    }

    public int Count { get; }

    /// <summary>Σ_c exp(b_c + τ·s_c) per position, in the fixed point of <see cref="ScoreTables"/>.</summary>
    public Int128[] ZSum { get; }

    /// <summary>The target's raw score s (not its logit).</summary>
    public double[] TargetScore { get; }

    /// <summary>Logits b_c + τ·s_c of the top clusters.</summary>
    public double[] TopScore { get; }

    public int[] TopCluster { get; }

    public byte[] Valid { get; }

    public EvaluationState Clone() => new(this);

    /// <summary>CE and accuracy from the stored per-position values, summed in position order.</summary>
    public EvaluationResult Result(int[] targets, ScoreTables tables)
    {
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Count; i++)
        {
            double p = Math.Exp(tables.Logit(targets[i], TargetScore[i])) / ScoreTables.ToDouble(ZSum[i]);
            sum += -Math.Log(p + 1e-10);
            if (TopCluster[i * K] == targets[i])
            {
                hits++;
            }
        }

        return new EvaluationResult(sum / Count, (double)hits / Count);
    }
}
