using Wnn.Ram.Bitwise;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Bitwise;

public sealed class BitwiseEvaluatorTests
{
    [Fact]
    public void Cell_values_follow_the_table_of_the_docs()
    {
        Assert.Equal(2, BitwiseModel.CellQuarters(MemoryMode.Ternary, 0, 0));
        Assert.Equal(4, BitwiseModel.CellQuarters(MemoryMode.Ternary, 1, 9));
        Assert.Equal(0, BitwiseModel.CellQuarters(MemoryMode.Ternary, 0, 1));
        int[] weighted = [.. new[] { (0, 3), (0, 2), (1, 2), (1, 1), (2, 1), (3, 1), (0, 0) }.Select(c => BitwiseModel.CellQuarters(MemoryMode.QuadWeighted, c.Item1, c.Item2))];
        Assert.Equal([0, 0, 1, 3, 3, 4, 2], weighted);
        int[] binary = [.. new[] { (0, 3), (1, 2), (1, 1), (2, 1), (3, 1), (0, 0) }.Select(c => BitwiseModel.CellQuarters(MemoryMode.QuadBinary, c.Item1, c.Item2))];
        Assert.Equal([0, 0, 4, 4, 4, 2], binary);
        Assert.Equal(0.5, BitwiseModel.BitProbability(2 * 7, 7));
        Assert.Equal((28 + 2) / 32.0, BitwiseModel.BitProbability(28, 7));
    }

    [Fact]
    public void An_empty_memory_gives_the_uniform_distribution_over_the_valid_ids()
    {
        // With a tiny sample rate no neuron trains: every p_j is 1/2, p(t) = 1/V, the argmax ties go to id V - 1.
        EvaluationData data = BitwiseBattery.Data(300, 2);
        var options = new BitwiseOptions { NeuronSampleRate = 1e-12 };
        Genome genome = BitwiseModel.CreateGenome(9, 3, 6, data.InputBits, seed: 1);
        EvaluationResult fast = new BitwiseEvaluator(data, options).Evaluate(genome);
        EvaluationResult reference = new BitwiseReferenceEvaluator(data, options).Evaluate(genome);
        double top = BitwiseModel.TargetTokens(data.Eval, data.Order).Count(t => t == 299) / (double)data.Eval.Count;
        Assert.Equal(-Math.Log((1.0 / 300) + 1e-10), fast.CrossEntropy, 12);
        Assert.Equal(top, fast.Accuracy);
        Assert.Equal(reference.CrossEntropy, fast.CrossEntropy, 12);
        Assert.Equal(reference.Accuracy, fast.Accuracy);
    }

    [Fact]
    public void Quad_modes_beat_the_uniform_distribution_and_every_mode_differs()
    {
        EvaluationData data = BitwiseBattery.Data(300, 4);
        Genome genome = BitwiseModel.CreateGenome(9, 7, 10, data.InputBits, seed: 9);
        double[] ce = [.. Enum.GetValues<MemoryMode>().Select(m => new BitwiseEvaluator(data, new BitwiseOptions { MemoryMode = m }).Evaluate(genome).CrossEntropy)];
        // Ternary (TRUE wins) saturates: nearly every written cell has seen a 1, so it is far worse than uniform here.
        Assert.True(ce[0] > Math.Log(300), $"ternary CE {ce[0]}");
        Assert.All(ce[1..], c => Assert.True(c < Math.Log(300) - 0.1, $"CE {c} is not clearly below ln 300"));
        Assert.Equal(3, ce.Distinct().Count());
    }

    [Fact]
    public void Fast_evaluator_equals_the_reference_and_incremental_equals_full()
    {
        List<string> lines = BitwiseBattery.Results(checkReference: true);
        Assert.Equal(BitwiseBattery.Count, lines.Count);
    }

    [Fact]
    public void Incremental_evaluation_equals_a_full_one_bit_for_bit()
    {
        EvaluationData data = BitwiseBattery.Data(300, 4);
        var options = new BitwiseOptions { MemoryMode = MemoryMode.QuadWeighted, NeuronSampleRate = 0.5 };
        var evaluator = new BitwiseEvaluator(data, options);
        Genome parent = BitwiseModel.CreateGenome(9, 6, 10, data.InputBits, seed: 4);
        Genome child = Mutations.ChangeConnections(parent, 3, data.InputBits);
        evaluator.Evaluate(parent);
        EvaluationResult incremental = evaluator.EvaluateDerived(child, parent);
        EvaluationResult full = new BitwiseEvaluator(data, options).Evaluate(child);
        Assert.Equal(BitwiseBattery.Line(full), BitwiseBattery.Line(incremental));
        Assert.NotEqual(BitwiseBattery.Line(evaluator.Evaluate(parent)), BitwiseBattery.Line(full));
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count_or_the_vector_path()
    {
        EvaluationData data = BitwiseBattery.Data(256, 3);
        var options = new BitwiseOptions { MemoryMode = MemoryMode.QuadBinary };
        Genome genome = BitwiseModel.CreateGenome(8, 9, 9, data.InputBits, seed: 2);
        string one = BitwiseBattery.Line(new BitwiseEvaluator(data, options, threads: 1).Evaluate(genome));
        string two = BitwiseBattery.Line(new BitwiseEvaluator(data, options, threads: 2).Evaluate(genome));
        string scalar = BitwiseBattery.Line(new BitwiseEvaluator(data, options, threads: 2) { ForceScalar = true }.Evaluate(genome));
        Assert.Equal(one, two);
        Assert.Equal(one, scalar);
    }

    [Fact]
    public void A_neuron_sample_holds_about_the_rate_and_is_seeded()
    {
        var a = new bool[20_000];
        var b = new bool[20_000];
        BitwiseModel.Sample(3, 7, 0.25, a);
        BitwiseModel.Sample(3, 7, 0.25, b);
        Assert.Equal(a, b);
        Assert.InRange(a.Count(x => x), 4_700, 5_300);
        BitwiseModel.Sample(3, 8, 0.25, b);
        Assert.NotEqual(a, b);
        var rng = BitwiseModel.SampleRng(3, 7);
        Assert.Equal(rng.NextDouble() < 0.25, a[0]);
    }

    [Fact]
    public void Bad_options_and_genomes_are_refused_with_the_allowed_values()
    {
        Assert.Contains("allowed (0, 1]", Assert.Throws<ArgumentException>(() => new BitwiseOptions { NeuronSampleRate = 0 }.Validate()).Message);
        Assert.Contains("allowed ternary, quad_binary, quad_weighted", Assert.Throws<ArgumentException>(() => MemoryModeNames.Parse("quad")).Message);
        EvaluationData data = BitwiseBattery.Data(300, 2);
        Genome tiered = BitwiseModel.CreateGenome(10, 2, 4, data.InputBits, seed: 1);
        Assert.Throws<GenomeValidationException>(() => new BitwiseEvaluator(data, new BitwiseOptions()).Evaluate(tiered));
    }
}
