using Wnn.Experiments.Config.Composition;
using Wnn.Experiments.Config.Overrides;
using Wnn.Search;

namespace Wnn.Experiments.Tests.Config.Overrides;

public sealed class SweepPlannerTests
{
    [Fact]
    public void Interval_in_a_grid_sweep_says_it_needs_a_sampler()
    {
        SweepPlanException e = Assert.Throws<SweepPlanException>(() => BasicSweepPlanner.Plan([], ["a=1,2", "lr=interval(0,1)"]));
        Assert.Contains("needs a sampler", e.Message, StringComparison.Ordinal);
        Assert.Contains("lr=interval(0,1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Glob_without_a_config_directory_says_what_is_missing()
    {
        SweepPlanException e = Assert.Throws<SweepPlanException>(() => BasicSweepPlanner.Plan([], ["db=glob(*)"]));
        Assert.Contains("config group 'db'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweeping_over_hydra_config_is_refused_as_Hydra_does()
    {
        // hydra/_internal/config_loader_impl.py::validate_sweep_overrides_legal
        SweepPlanException e = Assert.Throws<SweepPlanException>(() => BasicSweepPlanner.Plan([], ["hydra.job.name=a,b"]));
        Assert.Contains("Sweeping over Hydra's configuration is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shuffle_is_a_seeded_permutation()
    {
        string[] Run(int seed) => [.. BasicSweepPlanner.Plan([], ["x=shuffle(range(1,10))"], new SweepPlanOptions { Seed = seed }).Select(j => j[0])];
        string[] a = Run(3);
        Assert.Equal(a, Run(3));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"x={i}"), a.Order(StringComparer.Ordinal));
        Assert.NotEqual(Enumerable.Range(1, 9).Select(i => $"x={i}"), a);
        Assert.NotEqual(a, Run(4));
        var list = (ListElement)OverrideParser.Parse("x=shuffle([1,2,3,4,5,6])", shuffleSeed: 1).Value!;
        Assert.Equal([1L, 2, 3, 4, 5, 6], list.Items.Select(i => ((IntElement)i).Value).Order());
    }

    [Fact]
    public void Too_many_jobs_is_an_error_not_a_hang()
    {
        SweepPlanException e = Assert.Throws<SweepPlanException>(() =>
            BasicSweepPlanner.Plan([], ["a=range(1000)", "b=range(1000)", "c=range(1000000000)"], new SweepPlanOptions { MaxJobs = 10_000 }));
        Assert.Contains("more than 10000", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<SweepPlanException>(() => BasicSweepPlanner.Plan([], ["a=range(1000)", "b=range(1000)"], new SweepPlanOptions { MaxJobs = 10_000 }));
        Assert.Contains("more than 10000 jobs (1000 x 1000)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_sweep_gives_no_jobs_as_itertools_product_does()
    {
        Assert.Empty(BasicSweepPlanner.Plan([], ["a=1,2", "b=range(0)"]));
        Assert.Throws<SweepPlanException>(() => BasicSweepPlanner.Plan([], ["a=range(1,2,0)"]));
        Assert.Throws<SweepPlanException>(() => BasicSweepPlanner.Plan([], ["a=range(0.0,1.0,0.0)"]));
    }

    [Fact]
    public void Sweeper_params_and_group_options_are_read_from_the_composed_config()
    {
        string dir = Directory.CreateTempSubdirectory("wnn-overrides-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "config.yaml"), "defaults: [_self_]\nlr: 0.5\nhydra:\n  sweeper:\n    params:\n      schema: glob(*,exclude=w*)\n      lr: 1e-3,1e-4\n      n: 3\n");
            Directory.CreateDirectory(Path.Combine(dir, "schema"));
            foreach (string name in new[] { "warehouse", "support", "school" })
            {
                File.WriteAllText(Path.Combine(dir, "schema", name + ".yaml"), "x: 1\n");
            }

            var repository = new ConfigRepository(dir);
            var context = new ConfigCompositionContext { Now = DateTimeOffset.UnixEpoch };
            ComposedConfig composed = ConfigSweepPlanner.ComposeBase(repository, "config", ["lr=0.1"], context);
            Assert.Equal([new("schema", "glob(*,exclude=w*)"), new("lr", "1e-3,1e-4"), new("n", "3")], ConfigSweepPlanner.SweeperParams(composed));
            var jobs = ConfigSweepPlanner.Plan(repository, "config", ["lr=0.1"], context);
            Assert.Equal([["schema=school", "lr=0.1", "n=3"], ["schema=support", "lr=0.1", "n=3"]], jobs.Select(j => j.ToArray()).ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Sweeps_map_onto_search_space_distributions()
    {
        ParameterDistribution Of(string o) => OverrideSearchSpace.ToDistribution(OverrideParser.Parse(o));

        var cat = Assert.IsType<CategoricalDistribution>(Of("opt=adam,sgd,'a b',[1,2],null"));
        Assert.Equal(["adam", "sgd", "'a b'", "[1,2]", "null"], cat.Choices);
        Assert.Equal(new IntDistribution(0, 8, step: 2), Of("n=range(0,10,2)"));
        Assert.Equal(new IntDistribution(2, 10, step: 2), Of("n=range(10,0,-2)"));
        Assert.Equal(new FloatDistribution(0.0, 0.75, step: 0.25), Of("x=range(0,1,0.25)"));
        Assert.Equal(new FloatDistribution(1e-5, 1e-1, log: true), Of("lr=tag(log,interval(1e-5,1e-1))"));
        Assert.Equal(new FloatDistribution(0, 1), Of("p=interval(0,1)"));
        Assert.Equal(new IntDistribution(1, 64, log: true), Of("h=tag(log,int(interval(1,64)))"));
        var shuffled = Assert.IsType<CategoricalDistribution>(Of("n=shuffle(range(3))"));
        Assert.Equal(3, shuffled.Choices.Count);
        Assert.Throws<SweepPlanException>(() => Of("a=1"));
        Assert.Throws<SweepPlanException>(() => Of("a=1,1"));
    }

    [Fact]
    public void Non_sweep_values_become_plain_objects()
    {
        object? v = OverrideValues.ValueOf(OverrideParser.Parse("k={b: [1, 2.5, 'x y', null, true], a: ${oc.env:HOME}, 3: z}"));
        var d = Assert.IsType<Dictionary<string, object?>>(v);
        Assert.Equal(["b", "a", "3"], d.Keys);
        Assert.Equal(new List<object?> { 1L, 2.5, "x y", null, true }, d["b"]);
        Assert.Equal("${oc.env:HOME}", d["a"]);
        Assert.Equal("z", d["3"]);
        Assert.Null(OverrideValues.ValueOf(OverrideParser.Parse("k=null")));
        Assert.Equal("", OverrideValues.ValueOf(OverrideParser.Parse("k=")));
        Assert.Equal(1000L, OverrideValues.ValueOf(OverrideParser.Parse("k=1_000")));
        Assert.Throws<SweepPlanException>(() => OverrideValues.ValueOf(OverrideParser.Parse("k=1,2")));
    }
}
