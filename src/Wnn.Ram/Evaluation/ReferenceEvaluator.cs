using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation;

/// <summary>
/// The literal evaluator of docs/ram-lm.md: MSB-first addresses in connection order, three-valued cells in a
/// dictionary per neuron, TRUE wins, a full softmax over all clusters of b_c + τ·s_c. Slow on purpose; it checks the fast one.
/// </summary>
public sealed class ReferenceEvaluator : IGenomeEvaluator
{
    private const byte False = 1;
    private const byte True = 2;

    /// <summary>Creates a reference evaluator over <paramref name="data"/>.</summary>
    public ReferenceEvaluator(EvaluationData data) => Data = data ?? throw new ArgumentNullException(nameof(data));

    /// <inheritdoc />
    public EvaluationData Data { get; }

    /// <summary>Evaluates only this many leading evaluation examples (for timing samples).</summary>
    public int MaxExamples { get; init; } = int.MaxValue;

    /// <summary>Seconds the last <see cref="Evaluate"/> spent training (the rest is scoring).</summary>
    public double LastTrainSeconds { get; private set; }

    /// <inheritdoc />
    public EvaluationResult Evaluate(Genome genome, CancellationToken cancellationToken = default) =>
        ScaleProbe(genome, cancellationToken)(Data.Options.ScoreScale);

    /// <inheritdoc />
    public Func<double, EvaluationResult> ScaleProbe(Genome genome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genome);
        genome.ValidateFor(Data.ClusterCount, Data.InputBits);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cells = Train(genome);
        LastTrainSeconds = clock.Elapsed.TotalSeconds;
        return tau =>
        {
            ExampleSet eval = Data.Eval;
            int count = Math.Min(eval.Count, MaxExamples);
            var losses = new double[count];
            var correct = new bool[count];
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                (losses[i], correct[i]) = ScoreExample(genome, cells, eval, i, tau);
            });

            return EvaluationResult.FromExamples(losses, correct);
        };
    }

    private Dictionary<long, byte>[] Train(Genome genome)
    {
        var cells = new Dictionary<long, byte>[genome.NeuronCount];
        for (int k = 0; k < cells.Length; k++)
        {
            cells[k] = [];
        }

        ExampleSet train = Data.Train;
        int negatives = Data.Options.Negatives;
        for (int i = 0; i < train.Count; i++)
        {
            int target = train.Targets[i];
            Write(genome, cells, train, i, target, True);
            for (int j = 0; j < negatives; j++)
            {
                int c = Data.Negatives[(i * negatives) + j];
                if (c >= 0)
                {
                    Write(genome, cells, train, i, c, False);
                }
            }
        }

        return cells;
    }

    private static void Write(Genome genome, Dictionary<long, byte>[] cells, ExampleSet set, int example, int cluster, byte value)
    {
        int first = genome.NeuronStart(cluster);
        for (int k = first; k < first + genome.NeuronsPerCluster[cluster]; k++)
        {
            long address = Address(genome, set, example, k);
            if (value == True || !cells[k].TryGetValue(address, out byte old) || old != True)
            {
                cells[k][address] = value;
            }
        }
    }

    /// <summary>Sum over i of x[conn_i] * 2^(b-1-i): the first connection is the most significant bit.</summary>
    internal static long Address(Genome genome, ExampleSet set, int example, int neuron)
    {
        ReadOnlySpan<int> conns = genome.NeuronConnections(neuron);
        long address = 0;
        for (int i = 0; i < conns.Length; i++)
        {
            address = (address << 1) | (long)set.Bit(example, conns[i]);
        }

        return address;
    }

    private (double Loss, bool Correct) ScoreExample(Genome genome, Dictionary<long, byte>[] cells, ExampleSet eval, int i, double tau)
    {
        double e = Data.Options.EmptyValue;
        int clusters = genome.ClusterCount;
        var scores = new double[clusters];
        for (int c = 0; c < clusters; c++)
        {
            int n = genome.NeuronsPerCluster[c];
            int first = genome.NeuronStart(c);
            int trues = 0, empties = 0;
            for (int k = first; k < first + n; k++)
            {
                if (!cells[k].TryGetValue(Address(genome, eval, i, k), out byte v))
                {
                    empties++;
                }
                else if (v == True)
                {
                    trues++;
                }
            }

            scores[c] = ScoreFormula.Score(trues, empties, n, e);
        }

        // p(c) = exp(b_c + τ·s_c) / Σ exp(b_c' + τ·s_c'); the argmax ranks by the same logit, ties to the highest index.
        double[] bias = Data.Biases;
        var logits = new double[clusters];
        double z = 0;
        int best = 0;
        for (int c = 0; c < clusters; c++)
        {
            logits[c] = ScoreFormula.Logit(bias[c], tau, scores[c]);
            z += Math.Exp(logits[c]);
            if (logits[c] >= logits[best])
            {
                best = c;
            }
        }

        int target = eval.Targets[i];
        double p = Math.Exp(logits[target]) / z;
        return (-Math.Log(p + 1e-10), best == target);
    }
}
