namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Per neuron count n: the score of every (#TRUE, #FALSE) combination computed with <see cref="ScoreFormula"/>, the
/// untouched score base(n) (all cells EMPTY), and Fixed(s) − Fixed(base(n)), the change a cluster makes to the
/// softmax normalizer when it deviates from all-EMPTY. The normalizer is summed in 128-bit fixed point: every term
/// Fixed(s) = exp(τ·s)·2^56 truncated is exact and integer sums do not depend on their order, so an incremental
/// update (subtract a cluster's old terms, add its new ones) gives bit for bit the full evaluation's result.
/// </summary>
internal sealed class ScoreTables
{
    public const int MaxNeurons = 255;

    private readonly double[]?[] _scores = new double[MaxNeurons + 1][];
    /// <summary>Fraction bits of the fixed-point normalizer terms (exp(τ·s) ≥ 1, so 56 ≥ 53 keeps every bit of the double).</summary>
    public const int FractionBits = 56;

    private readonly Int128[]?[] _expDev = new Int128[MaxNeurons + 1][];
    private readonly double[] _base = new double[MaxNeurons + 1];
    private readonly Int128[] _expBase = new Int128[MaxNeurons + 1];

    public ScoreTables(double emptyValue, double scale)
    {
        EmptyValue = emptyValue;
        Scale = scale;
        for (int n = 1; n <= MaxNeurons; n++)
        {
            _base[n] = ScoreFormula.Score(0, n, n, emptyValue);
            _expBase[n] = Fixed(_base[n]);
        }
    }

    public double EmptyValue { get; }

    public double Scale { get; }

    public double Base(int n) => _base[n];

    /// <summary>Fixed(base(n)).</summary>
    public Int128 ExpBase(int n) => _expBase[n];

    /// <summary>exp(τ·s) in fixed point with <see cref="FractionBits"/> fraction bits (truncated; exact and deterministic).</summary>
    public Int128 Fixed(double score) => (Int128)Math.ScaleB(Math.Exp(Scale * score), FractionBits);

    /// <summary>A fixed-point normalizer back as a double.</summary>
    public static double ToDouble(Int128 value) => Math.ScaleB((double)value, -FractionBits);

    /// <summary>Scores indexed [t * (n + 1) + f].</summary>
    public double[] Scores(int n)
    {
        if (_scores[n] is { } s)
        {
            return s;
        }

        Build(n);
        return _scores[n]!;
    }

    /// <summary>Fixed(s) − Fixed(base(n)) indexed [t * (n + 1) + f].</summary>
    public Int128[] ExpDev(int n)
    {
        if (_expDev[n] is { } s)
        {
            return s;
        }

        Build(n);
        return _expDev[n]!;
    }

    private void Build(int n)
    {
        var scores = new double[(n + 1) * (n + 1)];
        var dev = new Int128[(n + 1) * (n + 1)];
        for (int t = 0; t <= n; t++)
        {
            for (int f = 0; t + f <= n; f++)
            {
                double s = ScoreFormula.Score(t, n - t - f, n, EmptyValue);
                scores[(t * (n + 1)) + f] = s;
                dev[(t * (n + 1)) + f] = Fixed(s) - _expBase[n];
            }
        }

        // Publish the dependent table first; readers check the score table last.
        _expDev[n] = dev;
        Volatile.Write(ref _scores[n], scores);
    }

    /// <summary>Builds the tables of every neuron count in use so that parallel readers never build.</summary>
    public void Prepare(ReadOnlySpan<int> neuronsPerCluster)
    {
        foreach (int n in neuronsPerCluster)
        {
            if (_scores[n] is null)
            {
                Build(n);
            }
        }
    }
}
