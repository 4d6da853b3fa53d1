using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Tests.Checkpoints;

public sealed class SeedLoaderTests
{
    [Theory]
    [InlineData("results.json")]
    [InlineData("results.json.gz")]
    public void Results_json_seeds_its_final_genome_and_population(string name)
    {
        using var dir = new TempDir();
        PhaseCheckpoint cp = CheckpointStoreTests.Sample(true);
        var result = new PhasedRunResult(1, 2, 3, PhasedConfig.Default, new EvaluationResult(5, 0.1), cp.CompletedPhases,
            cp.Result!.Best, cp.Result.FinalPopulation, 0.01, DateTimeOffset.UnixEpoch, 1.5);
        ResultsFile.Write(dir.File(name), result);
        SeedSource seed = SeedLoader.Load(dir.File(name));
        Assert.Equal("results", seed.Kind);
        CheckpointStoreTests.AssertSameGenome(cp.Result.Best.Genome, seed.Genome);
        Assert.Equal(4, seed.Population.Count);
        CheckpointStoreTests.AssertSameGenome(cp.Result.FinalPopulation[2].Genome, seed.Population[2]);
    }

    [Theory]
    [InlineData("phase_3b_ts_connections.json.gz", IntArrayEncoding.Compact)]
    [InlineData("phase_3b_ts_connections.json", IntArrayEncoding.Numbers)]
    public void Phase_checkpoint_seeds_its_best_genome_and_population(string name, IntArrayEncoding encoding)
    {
        using var dir = new TempDir();
        PhaseCheckpoint cp = CheckpointStoreTests.Sample(true);
        CheckpointStore.Write(dir.File(name), cp, encoding);
        SeedSource seed = SeedLoader.Load(dir.File(name));
        Assert.Equal("checkpoint", seed.Kind);
        CheckpointStoreTests.AssertSameGenome(cp.Result!.Best.Genome, seed.Genome);
        Assert.Equal(4, seed.Population.Count);
    }

    [Theory]
    [InlineData("best.json.gz")]
    [InlineData("best.json")]
    public void Genome_file_seeds_one_genome(string name)
    {
        using var dir = new TempDir();
        Genome g = Genome.CreateTiered(TierConfig.Default, 600, 40, new Rng(1));
        GenomeFile.Save(dir.File(name), g);
        SeedSource seed = SeedLoader.Load(dir.File(name));
        Assert.Equal("genome", seed.Kind);
        CheckpointStoreTests.AssertSameGenome(g, seed.Genome);
        Assert.Empty(seed.Population);
    }

    [Fact]
    public void A_missing_gz_name_falls_back_to_the_plain_json_file()
    {
        using var dir = new TempDir();
        Genome g = Genome.CreateTiered(TierConfig.Parse("rest,2,3"), 5, 8, new Rng(1));
        GenomeFile.Save(dir.File("g.json"), g);
        CheckpointStoreTests.AssertSameGenome(g, SeedLoader.Load(dir.File("g.json.gz")).Genome);
    }

    [Fact]
    public void A_bare_genome_object_in_a_file_with_a_misleading_name_is_detected_by_content()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("thing.gz"), """{"neurons_per_cluster":[1,2],"bits_per_neuron":[2,1,3],"connections":[0,1,2,3,4,5]}""");
        SeedSource seed = SeedLoader.Load(dir.File("thing.gz"));
        Assert.Equal("genome", seed.Kind);
        Assert.Equal([1, 2], seed.Genome.NeuronsPerCluster);
    }

    [Fact]
    public void A_file_without_a_genome_is_an_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("x.json"), """{"format":"something"}""");
        Assert.Contains("holds no genome", Assert.Throws<CheckpointException>(() => SeedLoader.Load(dir.File("x.json"))).Message, StringComparison.Ordinal);
    }
}
