using System.Text.Json.Nodes;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Search;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Tests.Search;

public sealed class PhasedSearchRunnerTests
{
    private static readonly string[] PhaseFiles =
    [
        "phase_1a_ga_neurons.json.gz", "phase_1b_ts_neurons.json.gz", "phase_2a_ga_bits.json.gz",
        "phase_2b_ts_bits.json.gz", "phase_3a_ga_connections.json.gz", "phase_3b_ts_connections.json.gz",
    ];

    private sealed class Recorder : ISearchProgress
    {
        public List<SearchProgress> Items { get; } = [];

        public void Report(SearchProgress progress) => Items.Add(progress);
    }

    private static PhasedSearchResult Run(PhasedSearchConfig config, PhasedSearchOptions options, EvaluationCounter? counter = null,
        CancellationToken ct = default)
    {
        counter ??= new EvaluationCounter(-1, null);
        return new PhasedSearchRunner(config, Synthetic.Data(config, factory: counter.Wrap), options).Run(ct);
    }

    /// <summary>The results JSON without the fields that legitimately differ between runs (times).</summary>
    private static string Comparable(PhasedSearchResult result, TempDir dir, string name)
    {
        ResultsFile.Write(dir.File(name), result);
        JsonObject json = JsonNode.Parse(File.ReadAllText(dir.File(name)))!.AsObject();
        json.Remove("timestamp");
        json.Remove("elapsed_seconds");
        return json.ToJsonString();
    }

    [Fact]
    public void Full_pass_writes_six_phase_checkpoints_and_results()
    {
        using var dir = new TempDir();
        PhasedSearchConfig config = Synthetic.SmallConfig();
        var progress = new Recorder();
        var counter = new EvaluationCounter(-1, null);
        PhasedSearchResult result = Run(config, new PhasedSearchOptions { CheckpointDirectory = dir.Path, Progress = progress }, counter);

        foreach (string f in PhaseFiles)
        {
            Assert.True(File.Exists(dir.File(f)), f);
        }

        Assert.Empty(Directory.GetFiles(dir.Path, "*.mid.json.gz"));
        Assert.Equal(["1a", "1b", "2a", "2b", "3a", "3b"], result.Phases.Select(p => p.Phase));
        Assert.Equal(["ga_neurons", "ts_neurons", "ga_bits", "ts_bits", "ga_connections", "ts_connections"], result.Phases.Select(p => p.Name));
        Assert.All(result.Phases, p => Assert.InRange(p.Iterations, 1, 3));
        Assert.Equal(result.Phases[^1].Fitness, result.Final.CrossEntropy);
        Assert.True(result.Final.CrossEntropy <= result.Baseline.CrossEntropy + 0.5);
        Assert.Equal(6, result.FinalPopulation.Count);
        Assert.Equal(7UL, result.Seed);
        Assert.True(counter.Derived > 0, "single-parent children are evaluated incrementally");
        Assert.Contains(progress.Items, p => p.Event == "baseline");
        Assert.Equal(6, progress.Items.Count(p => p.Event == "phase_end"));
        Assert.Contains(progress.Items, p => p.Event == "iteration" && p.Phase == "2b" && p.GenomesPerSecond > 0);

        // Each phase checkpoint hands over best genome, population and threshold; the last one holds the final genome.
        PhaseCheckpoint last = CheckpointStore.Load(dir.File(PhaseFiles[^1]));
        Assert.Equal(5, last.CompletedPhases.Count);
        Assert.Equal(result.Final.CrossEntropy, last.Result!.Best.CrossEntropy);
        Assert.Equal(result.Final.Genome.Connections, last.Result.Best.Genome.Connections);

        ResultsFile.Write(dir.File("results.json"), result);
        JsonObject json = JsonNode.Parse(File.ReadAllText(dir.File("results.json")))!.AsObject();
        Assert.Equal(1, (int)json["pass"]!);
        Assert.Equal(3, (int)json["patience"]!);
        Assert.Equal(6, json["phases"]!.AsArray().Count);
        Assert.Equal(result.Final.CrossEntropy, (double)json["final"]!["fitness"]!);
        Assert.Equal(64, (int)json["final"]!["genome_stats"]!["clusters"]!);
        Assert.Equal(6, json["final"]!["final_population"]!.AsArray().Count);
        Assert.Equal(7UL, (ulong)json["config"]!["run.seed"]!);
    }

    [Fact]
    public void Same_seed_gives_identical_results_and_another_seed_differs()
    {
        using var dir = new TempDir();
        PhasedSearchConfig config = Synthetic.SmallConfig() with { Fitness = "harmonic_rank", FitnessPercentile = 0.5, Rotation = "iteration" };
        string a = Comparable(Run(config, new()), dir, "a.json");
        string b = Comparable(Run(config, new()), dir, "b.json");
        Assert.Equal(a, b);
        string c = Comparable(Run(config with { RotationSeed = 8 }, new()), dir, "c.json");
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(25, false)]   // 1a, during the GA
    [InlineData(70, false)]   // a later phase
    [InlineData(1, false)]    // during the baseline
    [InlineData(25, true)]
    [InlineData(110, true)]
    public void Interrupted_and_resumed_run_equals_the_uninterrupted_run(int cancelAt, bool fast)
    {
        using var full = new TempDir();
        using var cut = new TempDir();
        PhasedSearchConfig config = Synthetic.SmallConfig() with { CheckpointInterval = 2, Fitness = "normalized" };
        string expected = Comparable(Run(config, new() { CheckpointDirectory = full.Path }, new EvaluationCounter(-1, null, fast)), full, "r.json");

        using var cts = new CancellationTokenSource();
        var counter = new EvaluationCounter(cancelAt, cts, fast);
        var ex = Assert.Throws<SearchCancelledException>(() => Run(config, new() { CheckpointDirectory = cut.Path }, counter, cts.Token));
        Assert.Equal(cancelAt, counter.Count);  // stopped within the evaluation that saw the cancellation
        Assert.Equal(cancelAt > 1, ex.CheckpointPath is not null);
        if (ex.CheckpointPath is not null)
        {
            Assert.True(File.Exists(ex.CheckpointPath));
            Assert.EndsWith(".mid.json.gz", ex.CheckpointPath, StringComparison.Ordinal);
        }

        PhasedSearchResult resumed = Run(config, new() { CheckpointDirectory = cut.Path, ResumeFrom = ex.ResumePhase }, new EvaluationCounter(-1, null, fast));
        Assert.Equal(expected, Comparable(resumed, cut, "r.json"));
        Assert.Empty(Directory.GetFiles(cut.Path, "*.mid.json.gz"));
    }

    [Fact]
    public void Results_do_not_depend_on_the_evaluator_thread_count()
    {
        using var dir = new TempDir();
        PhasedSearchConfig config = Synthetic.SmallConfig() with { Fitness = "normalized_harmonic" };
        string one = Comparable(Run(config, new(), new EvaluationCounter(-1, null, fast: true, threads: 1)), dir, "1.json");
        string four = Comparable(Run(config, new(), new EvaluationCounter(-1, null, fast: true, threads: 4)), dir, "4.json");
        Assert.Equal(one, four);
    }

    [Fact]
    public void Resume_from_2a_restores_phase_1_results_and_equals_the_full_run()
    {
        using var dir = new TempDir();
        PhasedSearchConfig config = Synthetic.SmallConfig();
        PhasedSearchResult first = Run(config, new() { CheckpointDirectory = dir.Path });
        var counter = new EvaluationCounter(-1, null);
        PhasedSearchResult resumed = Run(config with { RotationSeed = null }, new() { CheckpointDirectory = dir.Path, ResumeFrom = "2a" }, counter);
        Assert.Equal(first.Phases, resumed.Phases);
        Assert.Equal(first.Baseline, resumed.Baseline);
        Assert.Equal(first.Final.Genome.Connections, resumed.Final.Genome.Connections);
        Assert.Equal(7UL, resumed.Seed);
    }

    [Fact]
    public void Resume_without_the_earlier_phase_file_is_an_error()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<CheckpointException>(() => Run(Synthetic.SmallConfig(), new() { CheckpointDirectory = dir.Path, ResumeFrom = "2b" }));
        Assert.Contains("phase_2a_ga_bits.json.gz", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => Run(Synthetic.SmallConfig(), new() { CheckpointDirectory = dir.Path, ResumeFrom = "4a" }));
    }

    [Theory]
    [InlineData(null, 79)]   // 1 baseline + 6 phases x (6 initial + 5 children or neighbors + 2 full-data evaluations)
    [InlineData(0.5, 109)]   // percentile 0.5: ceil(5 / 0.5) = 10 candidates per iteration, the best 5 kept
    public void Percentile_oversamples_candidates(double? percentile, int evaluations)
    {
        var counter = new EvaluationCounter(-1, null);
        Run(Synthetic.SmallConfig() with { GaGenerations = 1, TsIterations = 1, FitnessPercentile = percentile }, new(), counter);
        Assert.Equal(evaluations, counter.Count);
    }

    [Fact]
    public void Bits_first_runs_the_bits_phases_first()
    {
        PhasedSearchResult r = Run(Synthetic.SmallConfig() with { PhaseOrder = "bits_first", GaGenerations = 1, TsIterations = 1 }, new());
        Assert.Equal(["ga_bits", "ts_bits", "ga_neurons", "ts_neurons", "ga_connections", "ts_connections"], r.Phases.Select(p => p.Name));
    }

    [Fact]
    public void Seeding_from_a_genome_file_starts_from_that_genome()
    {
        using var dir = new TempDir();
        PhasedSearchConfig config = Synthetic.SmallConfig() with { GaGenerations = 1, TsIterations = 1, TierConfig = null, DefaultNeurons = 1, DefaultBits = 4 };
        SearchData data = Synthetic.Data(config);
        Genome seedGenome = Genome.CreateTiered(TierConfig.Parse("rest,4,9"), data.ClusterCount, data.InputBits, new Rng(99));
        GenomeFile.Save(dir.File("seed.json.gz"), seedGenome);
        var seed = SeedLoader.Load(dir.File("seed.json.gz"));
        PhasedSearchResult seeded = new PhasedSearchRunner(config, data, new() { Seed = seed }).Run();
        PhasedSearchResult plain = new PhasedSearchRunner(config, data).Run();
        // The baseline is the seed genome's full-data CE, not the tiered genome's.
        Assert.Equal(data.Full.Evaluate(seedGenome).CrossEntropy, seeded.Baseline.CrossEntropy);
        Assert.NotEqual(plain.Baseline.CrossEntropy, seeded.Baseline.CrossEntropy);
        Assert.True(seeded.Final.Genome.Stats().MaxBits >= 5);
    }

    [Fact]
    public void Seeding_from_a_results_file_uses_its_population()
    {
        using var dir = new TempDir();
        PhasedSearchConfig config = Synthetic.SmallConfig() with { GaGenerations = 1, TsIterations = 1 };
        PhasedSearchResult pass1 = Run(config, new());
        ResultsFile.Write(dir.File("pass1.json"), pass1);
        SeedSource seed = SeedLoader.Load(dir.File("pass1.json"));
        Assert.Equal("results", seed.Kind);
        PhasedSearchResult pass2 = Run(config with { Pass = 2, Patience = null }, new() { Seed = seed });
        Assert.Equal(pass1.Final.CrossEntropy, pass2.Baseline.CrossEntropy, 12);
        Assert.Equal(4, pass2.Patience);
    }

    [Fact]
    public void A_seed_genome_of_another_vocabulary_is_rejected()
    {
        PhasedSearchConfig config = Synthetic.SmallConfig();
        var wrong = new SeedSource("genome", Genome.CreateTiered(TierConfig.Default, 10, 8, new Rng(1)), []);
        var ex = Assert.Throws<CheckpointException>(() => Run(config, new() { Seed = wrong }));
        Assert.Contains("seed genome does not fit", ex.Message, StringComparison.Ordinal);
    }
}
