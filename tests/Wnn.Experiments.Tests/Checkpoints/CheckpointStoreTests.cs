using System.IO.Compression;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Tests.Checkpoints;

public sealed class CheckpointStoreTests
{
    private static readonly PhaseSpec Spec = PhaseSpec.Order("neurons_first")[2];

    internal static PhaseCheckpoint Sample(bool complete, int maxInput = 64)
    {
        var rng = new Rng(5);
        var pop = Enumerable.Range(0, 4)
            .Select(i => new ScoredGenome(Genome.CreateTiered(TierConfig.Parse("3,4,7;rest,2,5"), 30, maxInput, rng), 4.0 + (i * 0.125), 0.01 * i))
            .ToList();
        var summaries = new List<PhaseSummary> { new("1a", "ga_neurons", 4.25, 0.03, 12), new("1b", "ts_neurons", 4.2, 0.031, 7) };
        PhaseResult? result = complete ? new PhaseResult("2a", "ga_bits", pop[1] with { CrossEntropy = 3.9 }, pop, 0.0125, 9, true) : null;
        PhaseState? state = complete ? null : new PhaseState(5, pop, 0.01, 1, 4.1, 3.95, 2, [[1, 2, 3], [7]]);
        return new PhaseCheckpoint("2a", "ga_bits", 2, 987654321UL, new EvaluationResult(4.5, 0.02), summaries, result, state,
            new Dictionary<string, string?> { ["patience"] = "4", ["fitness_percentile"] = null });
    }

    internal static void AssertSameGenome(Genome a, Genome b)
    {
        Assert.Equal(a.NeuronsPerCluster, b.NeuronsPerCluster);
        Assert.Equal(a.BitsPerNeuron, b.BitsPerNeuron);
        Assert.Equal(a.Connections, b.Connections);
    }

    [Theory]
    [InlineData(IntArrayEncoding.Compact, 64)]
    [InlineData(IntArrayEncoding.Compact, 1000)]
    [InlineData(IntArrayEncoding.Compact, 100_000)]
    [InlineData(IntArrayEncoding.Numbers, 64)]
    public void Complete_checkpoint_round_trips(IntArrayEncoding encoding, int maxInput)
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path, encoding);
        PhaseCheckpoint cp = Sample(complete: true, maxInput);
        string path = store.Save(Spec, cp);
        Assert.Equal(dir.File("phase_2a_ga_bits.json.gz"), path);
        PhaseCheckpoint back = store.TryLoad(Spec)!;
        Assert.Equal(cp.Phase, back.Phase);
        Assert.Equal(cp.Seed, back.Seed);
        Assert.Equal(cp.Pass, back.Pass);
        Assert.Equal(cp.Baseline, back.Baseline);
        Assert.Equal(cp.CompletedPhases, back.CompletedPhases);
        Assert.Equal("4", back.Config["patience"]);
        Assert.Null(back.Config["fitness_percentile"]);
        Assert.True(back.IsComplete);
        Assert.Equal(cp.Result!.Best.CrossEntropy, back.Result!.Best.CrossEntropy);
        Assert.Equal(cp.Result.FinalThreshold, back.Result.FinalThreshold);
        Assert.Equal(cp.Result.Iterations, back.Result.Iterations);
        Assert.True(back.Result.EarlyStopped);
        AssertSameGenome(cp.Result.Best.Genome, back.Result.Best.Genome);
        Assert.Equal(cp.Result.FinalPopulation.Count, back.Result.FinalPopulation.Count);
        for (int i = 0; i < cp.Result.FinalPopulation.Count; i++)
        {
            AssertSameGenome(cp.Result.FinalPopulation[i].Genome, back.Result.FinalPopulation[i].Genome);
            Assert.Equal(cp.Result.FinalPopulation[i].CrossEntropy, back.Result.FinalPopulation[i].CrossEntropy);
            Assert.Equal(cp.Result.FinalPopulation[i].Accuracy, back.Result.FinalPopulation[i].Accuracy);
        }
    }

    [Fact]
    public void Mid_phase_checkpoint_round_trips_its_loop_state()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        PhaseCheckpoint cp = Sample(complete: false);
        Assert.Equal(dir.File("phase_2a_ga_bits.mid.json.gz"), store.Save(Spec, cp));
        Assert.Null(store.TryLoad(Spec));
        PhaseState s = store.TryLoadMid(Spec)!.State!;
        Assert.Equal(5, s.Iteration);
        Assert.Equal(0.01, s.ThresholdStart);
        Assert.Equal(1, s.PatienceCounter);
        Assert.Equal(4.1, s.LastCheckBest);
        Assert.Equal(3.95, s.GlobalBest);
        Assert.Equal(2, s.Part);
        Assert.Equal([[1, 2, 3], [7]], s.TabuMoves);
        AssertSameGenome(cp.State!.Population[3].Genome, s.Population[3].Genome);
        store.DeleteMid(Spec);
        Assert.Null(store.TryLoadMid(Spec));
    }

    [Fact]
    public void Loading_falls_back_from_gz_to_plain_json_and_from_json_to_a_sibling_gz()
    {
        using var dir = new TempDir();
        PhaseCheckpoint cp = Sample(complete: true);
        CheckpointStore.Write(dir.File("plain.json"), cp, IntArrayEncoding.Numbers);
        Assert.Equal((byte)'{', File.ReadAllBytes(dir.File("plain.json"))[0]);
        Assert.Equal(cp.Seed, CheckpointStore.Load(dir.File("plain.json")).Seed);
        Assert.Equal(cp.Seed, CheckpointStore.Load(dir.File("plain.json.gz")).Seed);

        CheckpointStore.Write(dir.File("packed.json.gz"), cp);
        Assert.Equal(0x1f, File.ReadAllBytes(dir.File("packed.json.gz"))[0]);
        Assert.Equal(cp.Seed, CheckpointStore.Load(dir.File("packed.json")).Seed);
    }

    [Fact]
    public void Writing_is_atomic_and_leaves_no_temporary_files()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        store.Save(Spec, Sample(true));
        store.Save(Spec, Sample(true));
        Assert.Equal(["phase_2a_ga_bits.json.gz"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Truncated_checkpoint_is_a_clear_error_naming_the_file()
    {
        using var dir = new TempDir();
        CheckpointStore.Write(dir.File("cp.json.gz"), Sample(true));
        byte[] bytes = File.ReadAllBytes(dir.File("cp.json.gz"));
        File.WriteAllBytes(dir.File("cut.json.gz"), bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<CheckpointException>(() => CheckpointStore.Load(dir.File("cut.json.gz")));
        Assert.Contains("cut.json.gz", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("truncated file ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_and_wrong_files_are_clear_errors()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("junk.json"), "{\"phase\": [1, 2");
        Assert.Contains("truncated", Assert.Throws<CheckpointException>(() => CheckpointStore.Load(dir.File("junk.json"))).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("other.json"), "{\"hello\": 1}");
        Assert.Contains("not a phase checkpoint", Assert.Throws<CheckpointException>(() => CheckpointStore.Load(dir.File("other.json"))).Message, StringComparison.Ordinal);
        using (var gz = new GZipStream(File.Create(dir.File("bad.json.gz")), CompressionLevel.Fastest))
        {
            gz.Write("{\"format\":\"wnn.phase_checkpoint\",\"phase\":\"1a\",\"phase_result\":{\"best_genome\":{\"neurons_per_cluster\":[1],\"bits_per_neuron\":[2],\"connections\":[1]}}}"u8);
        }

        var ex = Assert.Throws<CheckpointException>(() => CheckpointStore.Load(dir.File("bad.json.gz")));
        Assert.Contains("connections has 1 entries but bits_per_neuron sums to 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<CheckpointException>(() => CheckpointStore.Load(dir.File("missing.json.gz"))).Message, StringComparison.Ordinal);
    }
}
