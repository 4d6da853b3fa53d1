namespace Wnn.Ram.Model;

/// <summary>
/// Everything one genome evaluation reads besides the genome: encoded training examples with their negatives,
/// encoded evaluation examples, and the model options. Built once per data subset and shared by all genomes.
/// </summary>
public sealed class EvaluationData
{
    private EvaluationData(ClusterOrder order, ModelOptions options, ExampleSet train, int[] negatives, ExampleSet eval)
    {
        Order = order;
        Options = options;
        Train = train;
        Negatives = negatives;
        Eval = eval;
        (PositiveStart, PositiveExamples) = GroupByCluster(order.Count, train.Targets, 1);
        (NegativeStart, NegativeExamples) = GroupByCluster(order.Count, negatives, options.Negatives);
        Biases = options.OutputBias == OutputBias.LogPrior
            ? LogPrior(PositiveStart, train.Count, options.PriorAlpha)
            : new double[order.Count];
    }

    /// <summary>Token-to-cluster mapping.</summary>
    public ClusterOrder Order { get; }

    /// <summary>Model options the data was built with.</summary>
    public ModelOptions Options { get; }

    /// <summary>Training examples.</summary>
    public ExampleSet Train { get; }

    /// <summary>Negative cluster of training example i, draw j at [i*negatives + j]; -1 where the draw equalled the target.</summary>
    public int[] Negatives { get; }

    /// <summary>Evaluation examples.</summary>
    public ExampleSet Eval { get; }

    /// <summary>Number of clusters (vocabulary size).</summary>
    public int ClusterCount => Order.Count;

    /// <summary>Input width in bits.</summary>
    public int InputBits => Eval.InputBits;

    /// <summary>Output bias b_c of every cluster (all 0 without <see cref="OutputBias.LogPrior"/>); see docs/ram-lm.md.</summary>
    internal double[] Biases { get; }

    /// <summary>Output bias b_c of cluster <paramref name="cluster"/>.</summary>
    public double Bias(int cluster) => Biases[cluster];

    /// <summary>CSR start of every cluster's positive training examples in <see cref="PositiveExamples"/>.</summary>
    internal int[] PositiveStart { get; }

    /// <summary>Training example indices grouped by target cluster, ascending within a cluster.</summary>
    internal int[] PositiveExamples { get; }

    /// <summary>CSR start of every cluster's negative training examples in <see cref="NegativeExamples"/>.</summary>
    internal int[] NegativeStart { get; }

    /// <summary>Training example indices grouped by negative cluster (an example may repeat).</summary>
    internal int[] NegativeExamples { get; }

    /// <summary>
    /// Builds the data: <paramref name="order"/> fixes cluster indices (rank in the full training text), the
    /// negatives are drawn from a generator seeded by the options' seed and <paramref name="subsetIndex"/>.
    /// </summary>
    public static EvaluationData Create(
        ClusterOrder order, ReadOnlySpan<int> trainTokens, ReadOnlySpan<int> evalTokens, ModelOptions options, int subsetIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (trainTokens.Length <= options.ContextSize)
        {
            throw new ArgumentException(
                $"training data has {trainTokens.Length} tokens; need more than the context size {options.ContextSize}");
        }

        if (evalTokens.Length <= options.ContextSize)
        {
            throw new ArgumentException(
                $"evaluation data has {evalTokens.Length} tokens; need more than the context size {options.ContextSize}");
        }

        ExampleSet train = ExampleSet.Encode(trainTokens, order, options.ContextSize);
        ExampleSet eval = ExampleSet.Encode(evalTokens, order, options.ContextSize);
        int pool = Math.Min(options.NegativePool, order.Count);
        var rng = Rng.ForStream(options.NegativeSeed, (ulong)subsetIndex);
        var negatives = new int[train.Count * options.Negatives];
        for (int i = 0; i < train.Count; i++)
        {
            int target = train.Targets[i];
            for (int j = 0; j < options.Negatives; j++)
            {
                int c = rng.NextInt(pool);
                negatives[(i * options.Negatives) + j] = c == target ? -1 : c;
            }
        }

        return new EvaluationData(order, options, train, negatives, eval);
    }

    /// <summary>b_c = ln((n_c + α) / (N + α·V)): n_c training examples with target c out of N, V clusters.</summary>
    private static double[] LogPrior(int[] positiveStart, int examples, double alpha)
    {
        int clusters = positiveStart.Length - 1;
        double denominator = examples + (alpha * clusters);
        var bias = new double[clusters];
        for (int c = 0; c < clusters; c++)
        {
            bias[c] = Math.Log((positiveStart[c + 1] - positiveStart[c] + alpha) / denominator);
        }

        return bias;
    }

    private static (int[] Start, int[] Items) GroupByCluster(int clusters, int[] labels, int perExample)
    {
        var start = new int[clusters + 1];
        foreach (int c in labels)
        {
            if (c >= 0)
            {
                start[c + 1]++;
            }
        }

        for (int c = 0; c < clusters; c++)
        {
            start[c + 1] += start[c];
        }

        var items = new int[start[clusters]];
        var fill = start.AsSpan(0, clusters).ToArray();
        for (int i = 0; i < labels.Length; i++)
        {
            int c = labels[i];
            if (c >= 0)
            {
                items[fill[c]++] = perExample == 1 ? i : i / perExample;
            }
        }

        return (start, items);
    }
}
