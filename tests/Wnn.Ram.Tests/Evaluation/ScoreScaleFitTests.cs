using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Evaluation;

public sealed class ScoreScaleFitTests
{
    private static readonly ModelOptions Options = new() { ContextSize = 2, EmptyValue = 0.5, NegativePool = 40, OutputBias = OutputBias.LogPrior };

    private static (ClusterOrder Order, int[] Train, Genome Genome) Setup()
    {
        int[] train = SyntheticCorpus.Tokens(120, 3000, 21);
        var order = ClusterOrder.FromTokens(train, 120);
        Genome genome = Genome.CreateTiered(TierConfig.Parse("5,6,10;rest,3,6"), order.Count, 2 * ExampleSet.BitsPerToken(120), new Rng(4));
        return (order, train, genome);
    }

    [Fact]
    public void The_fit_reads_only_the_training_tokens_and_finds_the_held_out_minimum()
    {
        (ClusterOrder order, int[] train, Genome genome) = Setup();
        ScoreScaleFitResult fit = ScoreScaleFit.Fit(order, train, Options, genome, d => new GenomeEvaluator(d));
        // 300 held-out tokens (a tenth) give 298 examples; 2,700 tokens train the memory.
        Assert.Equal(298, fit.HeldOutExamples);
        Assert.Equal(2_698, fit.FitExamples);
        Assert.InRange(fit.ScoreScale, ScoreScaleFit.MinScale, ModelOptions.MaxScoreScale);
        // A minimum: 2 % either side scores worse on the held-out slice.
        Func<double, EvaluationResult> probe = new GenomeEvaluator(ScoreScaleFit.HeldOutData(order, train, Options)).ScaleProbe(genome);
        Assert.Equal(fit.HeldOutCrossEntropy, probe(fit.ScoreScale).CrossEntropy, 12);
        Assert.True(probe(fit.ScoreScale * 1.02).CrossEntropy > fit.HeldOutCrossEntropy);
        Assert.True(probe(fit.ScoreScale / 1.02).CrossEntropy > fit.HeldOutCrossEntropy);

        // Two evaluations over different eval tokens use the same fitted τ, and their CE differs.
        ModelOptions fitted = Options with { ScoreScale = fit.ScoreScale };
        double ce1 = new GenomeEvaluator(EvaluationData.Create(order, train, SyntheticCorpus.Tokens(120, 800, 5), fitted)).Evaluate(genome).CrossEntropy;
        double ce2 = new GenomeEvaluator(EvaluationData.Create(order, train, SyntheticCorpus.Tokens(120, 800, 6), fitted)).Evaluate(genome).CrossEntropy;
        Assert.NotEqual(ce1, ce2);
    }

    [Fact]
    public void Reference_and_fast_probes_agree_at_every_scale_the_fit_tries()
    {
        (ClusterOrder order, int[] train, Genome genome) = Setup();
        EvaluationData data = ScoreScaleFit.HeldOutData(order, train, Options);
        Func<double, EvaluationResult> fast = new GenomeEvaluator(data).ScaleProbe(genome);
        Func<double, EvaluationResult> reference = new ReferenceEvaluator(data).ScaleProbe(genome);
        foreach (double tau in new[] { 0.1, 1.0, 2.5, 9.0, 30.0 })
        {
            Assert.Equal(reference(tau).CrossEntropy, fast(tau).CrossEntropy, 9);
            Assert.Equal(reference(tau).Accuracy, fast(tau).Accuracy);
        }
    }

    [Fact]
    public void Too_few_training_tokens_to_hold_a_slice_out_is_refused_with_the_counts()
    {
        (ClusterOrder order, _, _) = Setup();
        var ex = Assert.Throws<ArgumentException>(() => ScoreScaleFit.HeldOutData(order, [1, 2, 3, 4, 5], Options));
        Assert.Contains("5 training tokens are too few to hold out 3", ex.Message, StringComparison.Ordinal);
    }
}
