namespace Wnn.Ram.Evaluation.Fast;

/// <summary>
/// Per neuron count n: the score of every (#TRUE, #FALSE) combination computed with <see cref="ScoreFormula"/>, the
/// untouched score base(n) (all cells EMPTY), and exp(τ·s) - exp(τ·base(n)), the change a cluster makes to the
/// softmax normalizer when it deviates from all-EMPTY.
/// </summary>
internal sealed class ScoreTables
{
    public const int MaxNeurons = 255;

    private readonly double[]?[] _scores = new double[MaxNeurons + 1][];
    private readonly double[]?[] _expDev = new double[MaxNeurons + 1][];
    private readonly double[] _base = new double[MaxNeurons + 1];
    private readonly double[] _expBase = new double[MaxNeurons + 1];

    public ScoreTables(double emptyValue, double scale)
    {
        EmptyValue = emptyValue;
        Scale = scale;
        for (int n = 1; n <= MaxNeurons; n++)
        {
            _base[n] = ScoreFormula.Score(0, n, n, emptyValue);
            _expBase[n] = Math.Exp(scale * _base[n]);
        }
    }

    public double EmptyValue { get; }

    public double Scale { get; }

    public double Base(int n) => _base[n];

    public double ExpBase(int n) => _expBase[n];

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

    /// <summary>exp(τ·s) - exp(τ·base(n)) indexed [t * (n + 1) + f].</summary>
    public double[] ExpDev(int n)
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
        var dev = new double[(n + 1) * (n + 1)];
        for (int t = 0; t <= n; t++)
        {
            for (int f = 0; t + f <= n; f++)
            {
                double s = ScoreFormula.Score(t, n - t - f, n, EmptyValue);
                scores[(t * (n + 1)) + f] = s;
                dev[(t * (n + 1)) + f] = Math.Exp(Scale * s) - _expBase[n];
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
