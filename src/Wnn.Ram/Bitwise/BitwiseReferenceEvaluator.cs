using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Ram.Bitwise;

/// <summary>
/// The literal evaluator of docs/bitwise.md: MSB-first addresses in connection order, (c1, c0) counters in a dictionary
/// per neuron, and the token distribution summed over all V ids. Slow on purpose; it checks <see cref="BitwiseEvaluator"/>.
/// </summary>
public sealed class BitwiseReferenceEvaluator : IGenomeEvaluator
{
    private readonly BitwiseOptions _options;

    /// <summary>Creates a reference evaluator over <paramref name="data"/> (its tiered options other than the context are ignored).</summary>
    public BitwiseReferenceEvaluator(EvaluationData data, BitwiseOptions options)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        Bits = ExampleSet.BitsPerToken(data.ClusterCount);
    }

    /// <inheritdoc />
    public EvaluationData Data { get; }

    /// <summary>B: the number of bit-clusters.</summary>
    public int Bits { get; }

    /// <summary>Evaluates only this many leading evaluation examples (for timing samples).</summary>
    public int MaxExamples { get; init; } = int.MaxValue;

    /// <inheritdoc />
    public EvaluationResult Evaluate(Genome genome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genome);
        genome.ValidateFor(Bits, Data.InputBits);
        int vocabulary = Data.ClusterCount;
        int[] trainY = BitwiseModel.TargetTokens(Data.Train, Data.Order);
        int[] evalY = BitwiseModel.TargetTokens(Data.Eval, Data.Order);
        var cells = new Dictionary<long, (int Ones, int Zeros)>[genome.NeuronCount];
        var inSample = new bool[Data.Train.Count];
        for (int j = 0; j < Bits; j++)
        {
            int first = genome.NeuronStart(j);
            for (int m = 0; m < genome.NeuronsPerCluster[j]; m++)
            {
                int k = first + m;
                cells[k] = [];
                BitwiseModel.Sample(j, m, _options.NeuronSampleRate, inSample);
                for (int i = 0; i < Data.Train.Count; i++)
                {
                    if (!inSample[i])
                    {
                        continue;
                    }

                    long address = ReferenceEvaluator.Address(genome, Data.Train, i, k);
                    cells[k].TryGetValue(address, out var counts);
                    cells[k][address] = ((trainY[i] >> (Bits - 1 - j)) & 1) == 1
                        ? (counts.Ones + 1, counts.Zeros)
                        : (counts.Ones, counts.Zeros + 1);
                }
            }
        }

        int count = Math.Min(Data.Eval.Count, MaxExamples);
        var losses = new double[count];
        var correct = new bool[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var q1 = new double[Bits];
            for (int j = 0; j < Bits; j++)
            {
                double w = 0;
                int first = genome.NeuronStart(j);
                for (int k = first; k < first + genome.NeuronsPerCluster[j]; k++)
                {
                    cells[k].TryGetValue(ReferenceEvaluator.Address(genome, Data.Eval, i, k), out var counts);
                    w += BitwiseModel.CellQuarters(_options.MemoryMode, counts.Ones, counts.Zeros) / 4.0;
                }

                q1[j] = (w + 0.5) / (genome.NeuronsPerCluster[j] + 1);
            }

            double z = 0;
            int best = 0;
            double bestScore = -1;
            for (int t = 0; t < vocabulary; t++)
            {
                double s = Score(q1, t);
                z += s;
                if (s >= bestScore)
                {
                    bestScore = s;
                    best = t;
                }
            }

            losses[i] = -Math.Log((Score(q1, evalY[i]) / z) + 1e-10);
            correct[i] = best == evalY[i];
        });

        return EvaluationResult.FromExamples(losses, correct);
    }

    /// <inheritdoc />
    public Func<double, EvaluationResult> ScaleProbe(Genome genome, CancellationToken cancellationToken = default)
    {
        EvaluationResult result = Evaluate(genome, cancellationToken);
        return _ => result;
    }

    /// <summary>S(t) = q_0(t_0) · … · q_{B−1}(t_{B−1}), cluster 0 = the most significant bit.</summary>
    private double Score(double[] q1, int token)
    {
        double s = 1.0;
        for (int j = 0; j < Bits; j++)
        {
            s *= ((token >> (Bits - 1 - j)) & 1) == 1 ? q1[j] : 1.0 - q1[j];
        }

        return s;
    }
}
