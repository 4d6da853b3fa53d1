using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Flows;
using Wnn.Experiments.Phased;

namespace Wnn.Experiments.Tests.Phased;

public sealed class PhasePlanTests
{
    [Fact]
    public void A_phase_list_reads_types_keys_and_per_phase_settings_and_formats_back()
    {
        IReadOnlyList<PhaseSpec> phases = PhasePlan.Parse(" grid grid_bits=6,8 ; ga_neurons ga_generations=5 patience=2;ts_connections; ");
        Assert.Equal(["1a", "1b", "2a"], phases.Select(p => p.Key));
        Assert.Equal(["grid", "ga_neurons", "ts_connections"], phases.Select(p => p.Name));
        Assert.Equal(PhaseKind.Grid, phases[0].Kind);
        Assert.Equal("phase_1a_grid.json.gz", phases[0].FileName);
        Assert.Equal([new("grid.bits", "6,8")], phases[0].Settings);
        Assert.Equal([new("ga.generations", "5"), new("search.patience", "2")], phases[1].Settings);
        string text = PhasePlan.Format(phases);
        Assert.Equal("grid grid.bits=6,8; ga_neurons ga.generations=5 search.patience=2; ts_connections", text);
        Assert.Equal(text, PhasePlan.Format(PhasePlan.Parse(text)));
        Assert.Equal(["1a", "1b", "2a", "2b", "3a", "3b", "4a"], Enumerable.Range(0, 7).Select(PhasePlan.KeyAt));
    }

    [Theory]
    [InlineData("ga_weights", "phase 1 has type 'ga_weights'; expected one of grid, ga_neurons")]
    [InlineData("ga_neurons ga.generations", "phase 1a (ga_neurons): 'ga.generations' is not a setting; expected key=value")]
    [InlineData("ga_neurons; ts_bits search.population=9", "phase 1b (ts_bits): 'search.population' cannot be set per phase; per-phase keys: search.patience")]
    [InlineData("ga_neurons ga.generations=-1", "phase 1a (ga_neurons): ga.generations: ")]
    [InlineData("ga_neurons ga.generations=2 ga_generations=3", "ga.generations is given twice")]
    [InlineData(" ; ", "no phases")]
    public void A_bad_phase_list_is_refused_naming_the_phase_and_what_is_accepted(string text, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => (PhasedConfig.Default with { Phases = text }).Validated());
        Assert.StartsWith("config key 'search.phases': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_value_outside_the_mutation_bounds_is_refused_naming_the_key()
    {
        var ex = Assert.Throws<ConfigException>(() => (PhasedConfig.Default with { GridBits = "8,40", Phases = "grid" }).Validated());
        Assert.Contains("phase 1a (grid): config key 'grid.bits': '40' in '8,40' is not an integer in 4..24", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ConfigException>(() => (PhasedConfig.Default with { Phases = "grid grid.neurons=3,3" }).Validated());
        Assert.Contains("phase 1a (grid): config key 'grid.neurons': 3 is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16, 50, new[] { 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 1, 1, 1, 0 })]
    [InlineData(3, 6, new[] { 3, 2, 1 })]
    [InlineData(4, 3, new[] { 1, 1, 1, 0 })]
    [InlineData(1, 5, new[] { 5 })]
    public void Rank_shares_are_proportional_to_rank_and_sum_to_the_population(int count, int population, int[] expected)
    {
        int[] shares = PhasedRunner.RankShares(count, population);
        Assert.Equal(expected, shares);
        Assert.Equal(population, shares.Sum());
    }

    [Theory]
    [InlineData("standard-6-phase", "1a,1b,2a,2b,3a,3b", "ga_neurons,ts_neurons,ga_bits,ts_bits,ga_connections,ts_connections")]
    [InlineData("quick-4", "1a,1b,2a,2b", "ga_neurons,ga_bits,ga_connections,ts_connections")]
    public void Templates_give_their_phase_lists(string template, string keys, string names)
    {
        FlowConfig flow = FlowConfig.Parse($$"""{"flow.template": "{{template}}"}""");
        IReadOnlyList<PhaseSpec> phases = PhaseSpec.Order(flow.Search);
        Assert.Equal(keys, string.Join(',', phases.Select(p => p.Key)));
        Assert.Equal(names, string.Join(',', phases.Select(p => p.Name)));
    }

    [Fact]
    public void The_empty_template_needs_phases_and_takes_the_ones_given()
    {
        var ex = Assert.Throws<ConfigException>(() => FlowConfig.Parse("""{"template": "empty"}"""));
        Assert.Contains("template 'empty' has no phases: add phases in search.phases", ex.Message, StringComparison.Ordinal);
        FlowConfig flow = FlowConfig.Parse("""{"template": "empty", "search": {"phases": "ts_bits ts.iterations=4"}}""");
        PhaseSpec only = Assert.Single(PhaseSpec.Order(flow.Search));
        Assert.Equal(4, only.Apply(flow.Search).TsIterations);
        Assert.Equal(PhasedConfig.Default.TsIterations, flow.Search.TsIterations);
    }

    [Fact]
    public void Bitwise_templates_set_the_model_type_or_say_that_this_build_lacks_it()
    {
        FlowTemplateDefinition seven = FlowTemplate.Find("bitwise-7");
        Assert.Equal("bitwise", seven.Settings[FlowTemplateDefinition.ModelTypeKey]);
        Assert.Equal(7, PhasePlan.Parse(seven.Phases!).Count);
        Assert.Equal(10, PhasePlan.Parse(FlowTemplate.Find("bitwise-10").Phases!).Count);
        if (PhasedConfig.FindKey(FlowTemplateDefinition.ModelTypeKey) is null)
        {
            var ex = Assert.Throws<ConfigException>(() => FlowConfig.Parse("""{"template": "bitwise-7"}"""));
            Assert.Contains("template 'bitwise-7' sets model.type=bitwise, a key this build does not have", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("grid", PhaseSpec.Order(FlowConfig.Parse("""{"template": "bitwise-7"}""").Search)[0].Name);
        }
    }

    [Fact]
    public void The_schema_lists_the_templates_and_marks_the_per_phase_keys()
    {
        Assert.Equal(FlowTemplateDefinition.All.Select(t => t.Name), ConfigKeys.Template.Allowed);
        Assert.Equal(
            ["search.patience", "search.check_interval", "mutation.rate", "ga.generations", "ga.min_improvement_pct", "ts.iterations",
             "ts.min_improvement_pct", "fitness.kind", "fitness.weight_ce", "fitness.weight_acc", "fitness.min_accuracy_floor",
             "fitness.threshold_delta", "fitness.threshold_reference", "grid.neurons", "grid.bits"],
            PhasePlan.PerPhaseKeys);
    }

    [Fact]
    public void A_grid_phase_tries_every_pair_and_seeds_the_next_phase_in_proportion_to_rank()
    {
        using var dir = new TempDir();
        PhasedConfig config = Synthetic.SmallConfig() with { Phases = "grid grid.neurons=1,2 grid.bits=4,6; ga_neurons ga.generations=2; ts_bits" };
        var recorded = new List<PhasedProgress>();
        PhasedRunResult result = new PhasedRunner(config, Synthetic.Data(config), new PhasedRunOptions
        {
            CheckpointDirectory = dir.Path,
            Progress = new ProgressList(recorded),
        }).Run();

        Assert.Equal(["1a", "1b", "2a"], result.Phases.Select(p => p.Phase));
        Assert.Equal(["grid", "ga_neurons", "ts_bits"], result.Phases.Select(p => p.Name));
        Assert.Equal(0, result.Phases[0].Iterations);
        Assert.InRange(result.Phases[1].Iterations, 1, 2);
        PhaseCheckpoint grid = CheckpointStore.Load(dir.File("phase_1a_grid.json.gz"));
        Assert.Equal(4, grid.Result!.FinalPopulation.Count);
        var pairs = grid.Result.FinalPopulation.Select(s => (s.Genome.NeuronsPerCluster.Max(), s.Genome.BitsPerNeuron.Max())).ToHashSet();
        Assert.Equal(4, pairs.Count);

        // The GA after the grid starts from shares 3,2,1,0 of population 6: the best grid genome itself first.
        PhaseCheckpoint ga = CheckpointStore.Load(dir.File("phase_1b_ga_neurons.json.gz"));
        Assert.Equal(6, ga.Result!.FinalPopulation.Count);
        Assert.Equal(2, recorded.Count(p => p.Event == "iteration" && p.Phase == "1b"));

        // Same seed and plan ⇒ same result.
        PhasedRunResult again = new PhasedRunner(config, Synthetic.Data(config)).Run();
        Assert.Equal(result.Final.CrossEntropy, again.Final.CrossEntropy);
        Assert.Equal(result.Final.Genome.Connections, again.Final.Genome.Connections);
    }

    [Fact]
    public void Resuming_may_change_later_phases_but_not_the_ones_the_checkpoint_ran()
    {
        PhasedConfig recorded = Synthetic.SmallConfig() with { Phases = "ga_neurons; ts_neurons; ga_bits" };
        IReadOnlyDictionary<string, string?> values = CheckpointSerializer.ConfigValues(recorded);
        PhasedConfig later = recorded with { Phases = "ga_neurons; ts_neurons; ts_bits ts.iterations=9; ga_connections" };
        ResumedConfig resumed = ResumeIdentity.Resolve(values, 7, later, null, "2a", fixedPhases: 2);
        Assert.Equal(later.Phases, resumed.Config.Phases);

        PhasedConfig earlier = recorded with { Phases = "ga_neurons ga.generations=9; ts_neurons; ga_bits" };
        var ex = Assert.Throws<ConfigException>(() => ResumeIdentity.Resolve(values, 7, earlier, null, "2a", fixedPhases: 2));
        Assert.Contains("search.phases (phase 1a: checkpoint 'ga_neurons', given 'ga_neurons ga.generations=9')", ex.Message, StringComparison.Ordinal);
    }

    private sealed class ProgressList(List<PhasedProgress> items) : IPhasedProgress
    {
        public void Report(PhasedProgress progress) => items.Add(progress);
    }
}
