using Wnn.Experiments.Config;

namespace Wnn.Experiments.Tests.Config;

public sealed class PhasedSearchConfigTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        PhasedSearchConfig c = PhasedSearchConfig.Default;
        Assert.Equal(4, c.ContextSize);
        Assert.Equal(3, c.TokenParts);
        Assert.Equal(100, c.GaGenerations);
        Assert.Equal(200, c.TsIterations);
        Assert.Equal(50, c.PopulationSize);
        Assert.Equal(50, c.NeighborsPerIter);
        Assert.Equal(10, c.TabuTenure);
        Assert.Equal(10, c.CheckInterval);
        Assert.Equal(0.7, c.CrossoverRate);
        Assert.Equal(3, c.TournamentSize);
        Assert.Equal(200_000, c.TrainTokens);
        Assert.Equal(50_000, c.EvalTokens);
        Assert.Null(c.FitnessPercentile);
        Assert.Equal(2, c.EffectivePatience);
        Assert.Equal(4, (c with { Pass = 2 }).EffectivePatience);
        Assert.Equal(8, (c with { Pass = 3 }).EffectivePatience);
    }

    [Fact]
    public void Yaml_round_trip_keeps_every_value()
    {
        PhasedSearchConfig c = PhasedSearchConfig.Default with
        {
            ContextSize = 6,
            Patience = 4,
            FitnessPercentile = 0.75,
            RotationSeed = 12345678901234UL,
            TierConfig = "100,15,20;rest,5,8,false",
            PhaseOrder = "bits_first",
            Fitness = "harmonic_rank",
            EmptyValue = 0.5,
            OptimizeTier0Only = true,
            Rotation = "iteration",
        };
        PhasedSearchConfig back = PhasedSearchConfig.FromYaml(c.ToYaml());
        Assert.Equal(c, back);
        Assert.Equal(PhasedSearchConfig.Default, PhasedSearchConfig.FromYaml(PhasedSearchConfig.Default.ToYaml()));
    }

    [Fact]
    public void Yaml_file_save_and_load_round_trip()
    {
        using var dir = new TempDir();
        PhasedSearchConfig c = PhasedSearchConfig.Default with { Patience = 4, FitnessPercentile = 0.75 };
        c.SaveYaml(dir.File("c.yaml"));
        Assert.Equal(c, PhasedSearchConfig.LoadYaml(dir.File("c.yaml")));
    }

    [Fact]
    public void The_seed_example_file_loads_with_the_ce_percentile_alias()
    {
        const string yaml = """
            # configs/example_search.yaml
            context_size: 4
            token_parts: 3  # Number of subsets for rotation
            ga_generations: 100
            population_size: 50
            ts_iterations: 200
            neighbors_per_iter: 50
            patience: 4
            default_bits: 8
            default_neurons: 5
            ce_percentile: 0.75
            rotation_seed: null
            """;
        PhasedSearchConfig c = PhasedSearchConfig.FromYaml(yaml);
        Assert.Equal(0.75, c.FitnessPercentile);
        Assert.Equal(4, c.Patience);
        Assert.Null(c.RotationSeed);
    }

    [Fact]
    public void Unknown_key_is_an_error_naming_the_key_and_the_valid_keys()
    {
        var ex = Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("patience: 3\npopulaton_size: 10\n"));
        Assert.Contains("unknown config key 'populaton_size'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("population_size", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ce_percentile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_is_an_error_naming_the_key()
    {
        var ex = Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("patience: lots\n"));
        Assert.Equal("config key 'patience': 'lots' is not an integer or null", ex.Message);
        ex = Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("optimize_tier0_only: 3\n"));
        Assert.Contains("'optimize_tier0_only'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("fitness: best\n"));
        Assert.Contains("expected one of ce, harmonic_rank, normalized, normalized_harmonic", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("population_size: [1, 2]\n"));
        Assert.Contains("'population_size': expected a single value, got a list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_values_and_bad_tiers_are_errors()
    {
        Assert.Contains("'fitness_percentile'", Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("fitness_percentile: 1.5")).Message, StringComparison.Ordinal);
        Assert.Contains("'model.tier_config'", Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("tier_config: '100,15'")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_values_beat_yaml_which_beats_defaults()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("c.yaml"), "patience: 4\nga_generations: 7\n");
        PhasedSearchConfig c = PhasedSearchConfig.Merge(dir.File("c.yaml"), new Dictionary<string, string?> { ["patience"] = "8", ["ce_percentile"] = "0.5" });
        Assert.Equal(8, c.Patience);
        Assert.Equal(7, c.GaGenerations);
        Assert.Equal(0.5, c.FitnessPercentile);
        Assert.Equal(200, c.TsIterations);
    }

    [Fact]
    public void Key_given_twice_through_an_alias_is_an_error()
    {
        var ex = Assert.Throws<ConfigException>(() => PhasedSearchConfig.FromYaml("ce_percentile: 0.5\nfitness_percentile: 0.6\n"));
        Assert.Contains("given twice", ex.Message, StringComparison.Ordinal);
    }
}
