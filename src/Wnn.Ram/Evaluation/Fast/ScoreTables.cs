namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Per neuron count n: the score of every (#TRUE, #FALSE) combination computed with <see cref="ScoreFormula"/>, the
/// untouched score base(n) (all cells EMPTY), and, per bias class k (clusters sharing one output bias b_k),
/// Fixed_k(s) − Fixed_k(base(n)), the change a cluster makes to the softmax normalizer when it deviates from
/// all-EMPTY. The normalizer is summed in 128-bit fixed point: every term Fixed_k(s) = exp(b_k + τ·s)·2^56 truncated
/// is exact and integer sums do not depend on their order, so an incremental update (subtract a cluster's old terms,
/// add its new ones) gives bit for bit the full evaluation's result. Without an output bias there is one class, b = 0.
/// </summary>
internal sealed class ScoreTables
{
    public const int MaxNeurons = 255;

    /// <summary>Fraction bits of the fixed-point normalizer terms (truncation errs by at most V·2^-56 in all, against Z ≥ 1).</summary>
    public const int FractionBits = 56;

    private readonly double[]?[] _scores = new double[MaxNeurons + 1][];
    private readonly double[] _base = new double[MaxNeurons + 1];

    // [n][k]: built on demand; Prepare builds what a genome uses before parallel readers start.
    private readonly Int128[]?[]?[] _expDev = new Int128[]?[MaxNeurons + 1][];
    private readonly Int128[]?[] _expBase = new Int128[]?[MaxNeurons + 1];
    private readonly double[] _classBias;
    private readonly int[] _classOf;
    private readonly double[] _bias;

    /// <param name="emptyValue">Score of an EMPTY cell.</param>
    /// <param name="scale">τ.</param>
    /// <param name="bias">Output bias of every cluster.</param>
    public ScoreTables(double emptyValue, double scale, double[] bias)
    {
        EmptyValue = emptyValue;
        Scale = scale;
        _bias = bias;
        // Classes in descending bias order: the scoring run visits clusters class by class, likeliest first.
        _classBias = bias.Distinct().OrderByDescending(b => b).ToArray();
        var index = new Dictionary<double, int>();
        for (int k = 0; k < _classBias.Length; k++)
        {
            index[_classBias[k]] = k;
        }

        _classOf = bias.Select(b => index[b]).ToArray();
        for (int n = 1; n <= MaxNeurons; n++)
        {
            _base[n] = ScoreFormula.Score(0, n, n, emptyValue);
        }
    }

    public double EmptyValue { get; }

    public double Scale { get; }

    public int ClassCount => _classBias.Length;

    /// <summary>Bias class of a cluster (0 = the largest bias).</summary>
    public int ClassOf(int cluster) => _classOf[cluster];

    public double ClassBias(int k) => _classBias[k];

    /// <summary>b_c + τ·s: the softmax input and argmax key of cluster <paramref name="cluster"/> at score <paramref name="score"/>.</summary>
    public double Logit(int cluster, double score) => ScoreFormula.Logit(_bias[cluster], Scale, score);

    public double Base(int n) => _base[n];

    /// <summary>Fixed_k(base(n)).</summary>
    public Int128 ExpBase(int n, int k)
    {
        if (_expDev[n]?[k] is null)
        {
            Build(n, k);
        }

        return _expBase[n]![k];
    }

    /// <summary>exp(b_k + τ·s) in fixed point with <see cref="FractionBits"/> fraction bits (truncated; exact and deterministic).</summary>
    public Int128 Fixed(double score, int k) => (Int128)Math.ScaleB(Math.Exp(ScoreFormula.Logit(_classBias[k], Scale, score)), FractionBits);

    /// <summary>A fixed-point normalizer back as a double.</summary>
    public static double ToDouble(Int128 value) => Math.ScaleB((double)value, -FractionBits);

    /// <summary>Scores indexed [t * (n + 1) + f].</summary>
    public double[] Scores(int n)
    {
        if (Volatile.Read(ref _scores[n]) is { } s)
        {
            return s;
        }

        var scores = new double[(n + 1) * (n + 1)];
        for (int t = 0; t <= n; t++)
        {
            for (int f = 0; t + f <= n; f++)
            {
                scores[(t * (n + 1)) + f] = ScoreFormula.Score(t, n - t - f, n, EmptyValue);
            }
        }

        Volatile.Write(ref _scores[n], scores);
        return scores;
    }

    /// <summary>Fixed_k(s) − Fixed_k(base(n)) indexed [t * (n + 1) + f].</summary>
    public Int128[] ExpDev(int n, int k)
    {
        if (_expDev[n]?[k] is { } s)
        {
            return s;
        }

        Build(n, k);
        return _expDev[n]![k]!;
    }

    private void Build(int n, int k)
    {
        double[] scores = Scores(n);
        Int128 expBase = Fixed(_base[n], k);
        var dev = new Int128[(n + 1) * (n + 1)];
        for (int t = 0; t <= n; t++)
        {
            for (int f = 0; t + f <= n; f++)
            {
                dev[(t * (n + 1)) + f] = Fixed(scores[(t * (n + 1)) + f], k) - expBase;
            }
        }

        _expBase[n] ??= new Int128[_classBias.Length];
        _expBase[n]![k] = expBase;
        _expDev[n] ??= new Int128[]?[_classBias.Length];
        Volatile.Write(ref _expDev[n]![k], dev);
    }

    /// <summary>Builds the tables of every (neuron count, bias class) in use so that parallel readers never build.</summary>
    public void Prepare(ReadOnlySpan<int> neuronsPerCluster)
    {
        for (int c = 0; c < neuronsPerCluster.Length; c++)
        {
            int n = neuronsPerCluster[c];
            if (_expDev[n]?[_classOf[c]] is null)
            {
                Build(n, _classOf[c]);
            }
        }
    }
}
