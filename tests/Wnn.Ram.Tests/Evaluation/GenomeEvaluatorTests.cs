using Wnn.Ram.Evaluation;
using Wnn.Ram.Evaluation.Fast;
using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Evaluation;

public sealed class GenomeEvaluatorTests
{
    public static TheoryData<string, double, int, int> Settings()
    {
        var data = new TheoryData<string, double, int, int>();
        foreach (string tiers in new[] { "5,6,10;20,4,7;rest,3,5", "rest,2,4", "3,9,16;rest,1,12" })
        {
            foreach (double e in new[] { 0.0, 0.5 })
            {
                foreach (int ctx in new[] { 1, 4, 8 })
                {
                    data.Add(tiers, e, ctx, 2);
                }
            }
        }

        data.Add("10,3,6;rest,2,5", 0.3, 2, 1);
        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Fast_evaluator_equals_the_reference_in_every_matching_mode(string tiers, double emptyValue, int context, int duplicateRange)
    {
        var options = new ModelOptions { ContextSize = context, EmptyValue = emptyValue, Negatives = 3, NegativePool = 40 };
        EvaluationData data = SyntheticCorpus.Data(300, 3000, 900, options, seed: (ulong)(context * 31) + (ulong)(emptyValue * 10));
        Genome genome = Genome.CreateTiered(TierConfig.Parse(tiers), data.ClusterCount, data.InputBits, new Rng(5));
        if (duplicateRange == 1)
        {
            // Force many duplicate connections within neurons.
            for (int i = 0; i < genome.Connections.Length; i++)
            {
                genome.Connections[i] %= 6;
            }
        }

        EvaluationResult expected = new ReferenceEvaluator(data).Evaluate(genome);
        foreach (NeuronMatchMode mode in Enum.GetValues<NeuronMatchMode>())
        {
            foreach (int levelsFrom in new[] { 0, 7, 100 })
            {
                var evaluatorOptions = new GenomeEvaluatorOptions { Mode = mode, LevelsFrom = levelsFrom };
                EvaluationResult actual = new GenomeEvaluator(data, evaluatorOptions).Evaluate(genome);
                Assert.True(Math.Abs(expected.CrossEntropy - actual.CrossEntropy) < 1e-9,
                    $"{mode}, levels from {levelsFrom}: CE {actual.CrossEntropy:R} vs reference {expected.CrossEntropy:R}");
                Assert.Equal(expected.Accuracy, actual.Accuracy);
            }
        }

        Assert.InRange(expected.CrossEntropy, 0.1, 20);
    }

    [Fact]
    public void Score_scale_sharpens_the_softmax_and_still_matches_the_reference()
    {
        var options = new ModelOptions { ContextSize = 3, ScoreScale = 6.0 };
        EvaluationData data = SyntheticCorpus.Data(120, 4000, 800, options);
        Genome genome = Genome.CreateTiered(TierConfig.Parse("10,5,8;rest,3,6"), data.ClusterCount, data.InputBits, new Rng(2));
        EvaluationResult expected = new ReferenceEvaluator(data).Evaluate(genome);
        EvaluationResult actual = new GenomeEvaluator(data).Evaluate(genome);
        Assert.True(Math.Abs(expected.CrossEntropy - actual.CrossEntropy) < 1e-9);
        Assert.Equal(expected.Accuracy, actual.Accuracy);

        EvaluationData plain = SyntheticCorpus.Data(120, 4000, 800, options with { ScoreScale = 1.0 });
        Assert.True(new GenomeEvaluator(plain).Evaluate(genome).CrossEntropy > actual.CrossEntropy);
    }

    [Fact]
    public void One_and_two_threads_give_bitwise_identical_results()
    {
        EvaluationData data = SyntheticCorpus.Data(500, 20000, 9000, new ModelOptions { EmptyValue = 0.5 });
        Genome genome = Genome.CreateTiered(TierConfig.Parse("20,8,12;rest,4,7"), data.ClusterCount, data.InputBits, new Rng(9));
        EvaluationResult one = new GenomeEvaluator(data, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = 1 }).Evaluate(genome);
        EvaluationResult two = new GenomeEvaluator(data, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = 2 }).Evaluate(genome);
        Assert.Equal(one.CrossEntropy, two.CrossEntropy);
        Assert.Equal(one.Accuracy, two.Accuracy);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Incremental_evaluation_of_changed_clusters_equals_a_full_evaluation_bit_for_bit(double emptyValue)
    {
        var options = new ModelOptions { ContextSize = 4, EmptyValue = emptyValue, NegativePool = 50 };
        EvaluationData data = SyntheticCorpus.Data(200, 6000, 2000, options, seed: 11);
        var evaluator = new GenomeEvaluator(data);
        var fresh = new GenomeEvaluator(data, new GenomeEvaluatorOptions { KeepStates = false });
        var rng = new Rng(3);
        Genome parent = Genome.CreateTiered(TierConfig.Parse("5,6,10;rest,3,6"), data.ClusterCount, data.InputBits, rng);
        evaluator.Evaluate(parent);
        for (int step = 0; step < 12; step++)
        {
            // Change the neurons, bits and connections of one or two clusters, often a frequent one.
            Genome child = Mutate(parent, rng, step % 3 == 0 ? rng.NextInt(5) : rng.NextInt(data.ClusterCount), data.InputBits);
            if (step % 4 == 1)
            {
                child = Mutate(child, rng, rng.NextInt(data.ClusterCount), data.InputBits);
            }

            EvaluationResult incremental = evaluator.EvaluateDerived(child, parent);
            EvaluationResult full = fresh.Evaluate(child);
            // Bit for bit: the normalizer is an exact fixed-point sum, so a resumed search (full evaluations) replays an
            // uninterrupted one (incremental evaluations) exactly.
            Assert.Equal(full.CrossEntropy, incremental.CrossEntropy);
            Assert.Equal(full.Accuracy, incremental.Accuracy);
            parent = child;
        }

        Assert.Equal(12, evaluator.Counters.Incremental);
        Assert.Equal(1, evaluator.Counters.Full);
    }

    [Fact]
    public void Derived_genome_without_an_evaluated_parent_is_evaluated_in_full()
    {
        EvaluationData data = SyntheticCorpus.Data(100, 3000, 500, new ModelOptions());
        var evaluator = new GenomeEvaluator(data);
        Genome a = Genome.CreateTiered(TierConfig.Parse("rest,3,6"), data.ClusterCount, data.InputBits, new Rng(1));
        Genome b = Genome.CreateTiered(TierConfig.Parse("rest,3,6"), data.ClusterCount, data.InputBits, new Rng(2));
        EvaluationResult r = evaluator.EvaluateDerived(b, a);
        Assert.Equal(new ReferenceEvaluator(data).Evaluate(b).Accuracy, r.Accuracy);
        Assert.Equal(1, evaluator.Counters.Full);
        Assert.Equal(0, evaluator.Counters.Incremental);
    }

    [Fact]
    public void Rejects_a_genome_for_another_vocabulary()
    {
        EvaluationData data = SyntheticCorpus.Data(100, 3000, 500, new ModelOptions());
        Genome genome = Genome.CreateTiered(TierConfig.Parse("rest,3,6"), 99, data.InputBits, new Rng(1));
        var ex = Assert.Throws<GenomeValidationException>(() => new GenomeEvaluator(data).Evaluate(genome));
        Assert.Contains("vocabulary has 100", ex.Message, StringComparison.Ordinal);
    }

    internal static Genome Mutate(Genome parent, Rng rng, int cluster, int inputBits)
    {
        var neurons = (int[])parent.NeuronsPerCluster.Clone();
        var bits = new List<int>();
        var connections = new List<int>();
        for (int c = 0; c < parent.ClusterCount; c++)
        {
            int first = parent.NeuronStart(c);
            if (c != cluster)
            {
                for (int k = first; k < first + parent.NeuronsPerCluster[c]; k++)
                {
                    bits.Add(parent.BitsPerNeuron[k]);
                    connections.AddRange(parent.NeuronConnections(k).ToArray());
                }

                continue;
            }

            neurons[c] = Math.Max(1, parent.NeuronsPerCluster[c] + rng.NextInclusive(-1, 2));
            for (int k = 0; k < neurons[c]; k++)
            {
                int b = Math.Clamp(parent.BitsPerNeuron[first] + rng.NextInclusive(-2, 2), 2, 14);
                bits.Add(b);
                for (int i = 0; i < b; i++)
                {
                    connections.Add(rng.NextInt(inputBits));
                }
            }
        }

        return new Genome(neurons, bits.ToArray(), connections.ToArray());
    }
}
