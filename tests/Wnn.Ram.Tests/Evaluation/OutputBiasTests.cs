using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Evaluation;

public sealed class OutputBiasTests
{
    private const double Epsilon = 1e-10;

    // V = 2 (one bit per token), context 1. Train 0 0 0 1: cluster 0 = token 0; targets 0, 0, 1 → n = (2, 1), N = 3.
    // Both clusters have one neuron on the context bit, so both store TRUE at address 0 and nothing at address 1.
    // Eval 0 1 0: example 1 has context 0 (both score 1) and target 1; example 2 has context 1 (both EMPTY) and target 0.
    private static readonly int[] Train = [0, 0, 0, 1];
    private static readonly int[] Eval = [0, 1, 0];

    private static EvaluationData Data(OutputBias bias, double emptyValue, double scale) => EvaluationData.Create(
        ClusterOrder.FromTokens(Train, 2), Train, Eval,
        new ModelOptions { ContextSize = 1, Negatives = 0, NegativePool = 1, EmptyValue = emptyValue, ScoreScale = scale, OutputBias = bias, PriorAlpha = 1.0 });

    private static readonly Genome TwoNeurons = new([1, 1], [1, 1], [0, 0]);

    public static TheoryData<double, double> Settings() => new() { { 0.0, 1.0 }, { 0.5, 1.0 }, { 0.5, 3.0 } };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Log_prior_bias_gives_the_hand_computed_cross_entropy_in_both_evaluators(double emptyValue, double scale)
    {
        EvaluationData data = Data(OutputBias.LogPrior, emptyValue, scale);
        // b = ln((n + α) / (N + α·V)) with α = 1: ln(3/5) and ln(2/5).
        Assert.Equal(Math.Log(3.0 / 5.0), data.Bias(0), 15);
        Assert.Equal(Math.Log(2.0 / 5.0), data.Bias(1), 15);
        // Equal scores at both examples: the softmax is the prior itself, p(1) = 0.4 and then p(0) = 0.6, whatever τ and e.
        double expected = (-Math.Log(0.4 + Epsilon) - Math.Log(0.6 + Epsilon)) / 2;
        EvaluationResult reference = new ReferenceEvaluator(data).Evaluate(TwoNeurons);
        EvaluationResult fast = new GenomeEvaluator(data).Evaluate(TwoNeurons);
        Assert.Equal(expected, reference.CrossEntropy, 12);
        Assert.Equal(expected, fast.CrossEntropy, 12);
        // The argmax ranks by b + τ·s: cluster 0 both times, right only at example 2.
        Assert.Equal(0.5, reference.Accuracy);
        Assert.Equal(0.5, fast.Accuracy);
    }

    [Fact]
    public void Without_a_bias_equal_scores_split_evenly_and_ties_go_to_the_highest_cluster()
    {
        EvaluationData data = Data(OutputBias.None, 0.0, 1.0);
        Assert.Equal(0.0, data.Bias(0));
        EvaluationResult fast = new GenomeEvaluator(data).Evaluate(TwoNeurons);
        Assert.Equal(-Math.Log(0.5 + Epsilon), fast.CrossEntropy, 12);
        Assert.Equal(-Math.Log(0.5 + Epsilon), new ReferenceEvaluator(data).Evaluate(TwoNeurons).CrossEntropy, 12);
        Assert.Equal(0.5, fast.Accuracy); // cluster 1 both times: right at example 1
    }

    [Theory]
    [InlineData(OutputBias.LogPrior)]
    [InlineData(OutputBias.None)]
    public void Firing_clusters_multiply_their_prior_by_exp_tau_s(OutputBias bias)
    {
        // V = 4, context 1, one neuron per cluster reading both bits of the context token (it memorizes contexts).
        // Train 0 1 0 1 2 0: examples 0→1, 1→0, 0→1, 1→2, 2→0; targets n = (2, 2, 1, 0), N = 5; α = 1, so the prior
        // weights are (3, 3, 2, 1)/9. Eval 0 1 3: at context 0 only cluster 1 fires (s = 0,1,0,0), target 1;
        // at context 1 clusters 0 and 2 fire (s = 1,0,1,0), target 3.
        int[] train = [0, 1, 0, 1, 2, 0];
        int[] eval = [0, 1, 3];
        var options = new ModelOptions { ContextSize = 1, Negatives = 0, NegativePool = 1, ScoreScale = 2.0, OutputBias = bias, PriorAlpha = 1.0 };
        EvaluationData data = EvaluationData.Create(ClusterOrder.FromTokens(train, 4), train, eval, options);
        var genome = new Genome([1, 1, 1, 1], [2, 2, 2, 2], [0, 1, 0, 1, 0, 1, 0, 1]);
        double e2 = Math.Exp(2.0);
        double expected = bias == OutputBias.LogPrior
            ? (-Math.Log((3 * e2 / (6 + (3 * e2))) + Epsilon) - Math.Log((1 / (4 + (5 * e2))) + Epsilon)) / 2
            : (-Math.Log((e2 / (3 + e2)) + Epsilon) - Math.Log((1 / (2 + (2 * e2))) + Epsilon)) / 2;
        EvaluationResult reference = new ReferenceEvaluator(data).Evaluate(genome);
        Assert.Equal(expected, reference.CrossEntropy, 12);
        Assert.Equal(0.5, reference.Accuracy);
        foreach (int levelsFrom in new[] { 0, 100 })
        {
            EvaluationResult fast = new GenomeEvaluator(data, new GenomeEvaluatorOptions { LevelsFrom = levelsFrom }).Evaluate(genome);
            Assert.Equal(expected, fast.CrossEntropy, 12);
            Assert.Equal(0.5, fast.Accuracy);
        }
    }
}
