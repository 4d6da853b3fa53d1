using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>OmegaConf interpolation (docs: usage.rst "Variable interpolation", custom_resolvers.rst "oc.env") and
/// Hydra's <c>now</c> resolver.</summary>
public sealed class InterpolationTests
{
    private static ConfigMapping Resolved() => Compose.Run("interpolation", "config").ResolveJob();

    private static object? Value(string key) => ((ConfigScalar)ConfigEdit.Select(Resolved(), key)!).Value;

    [Fact]
    public void A_whole_value_interpolation_keeps_the_type_of_its_target()
    {
        Assert.Equal(128L, Value("width_again"));
        Assert.Equal(1L, Value("relative.b"));
        Assert.Equal(3L, Value("relative.c"));
        Assert.Equal(20L, Value("second"));
        Assert.Equal(10L, Value("first"));
        Assert.Equal(Compose.Yaml("""
            name: mlp
            width: 128
            depth: 3
            """), ConfigYaml.Write(Resolved()["copy"]));
        Assert.Equal(128L, Value("through"));
    }

    [Fact]
    public void Interpolations_inside_text_are_written_as_python_str()
    {
        Assert.Equal("mlp_w128", Value("run_name"));
        Assert.Equal("on_True", Value("flag_text"));
        Assert.Equal("lr=1e-05", Value("lr_text"));
        Assert.Equal("mlp", Value("nested_key"));
        Assert.Equal("${model.name}", Value("escaped"));
    }

    [Fact]
    public void Now_formats_the_clock_of_the_context()
    {
        Assert.Equal("exp_20251031-120000_mlp", Value("stamp"));
        var later = Compose.Context() with { Now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        var composed = new ConfigComposer(new ConfigRepository(Compose.Dir("interpolation"))).Compose("config", [], later);
        Assert.Equal("exp_20260102-030405_mlp", ((ConfigScalar)composed.Resolve("stamp")).Value);
    }

    [Fact]
    public void Env_reads_the_variable_or_the_default_as_a_string()
    {
        Assert.Equal("/home/tester", Value("home"));
        Assert.Null(Value("env_null"));
        Assert.Equal("10", Value("env_number"));
        var ex = Compose.Fails("interpolation", "env_required");
        Assert.Equal("'token': environment variable 'WNN_TEST_REQUIRED_VAR' is not set (give a default: ${oc.env:WNN_TEST_REQUIRED_VAR,default})", ex.Message);
    }

    [Fact]
    public void Hydra_resolver_and_run_variables_resolve()
    {
        Assert.Equal("config", Value("job"));
        var composed = Compose.Run("interpolation", "config");
        Assert.Equal("multirun/2025-10-31/12-00-00", ((ConfigScalar)composed.Resolve("hydra.sweep.dir")).Value);
        Assert.Equal("0", ((ConfigScalar)composed.Resolve("hydra.sweep.subdir")).Value is long l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?");
    }

    [Fact]
    public void A_cycle_is_reported_with_its_keys()
    {
        var ex = Compose.Fails("interpolation", "cycle");
        Assert.Equal("interpolation cycle at 'a': a -> b -> c -> a", ex.Message);
        ex = Compose.Fails("interpolation", "self_cycle");
        Assert.Equal("interpolation cycle at 'node.inner': node.inner -> node.inner", ex.Message);
    }

    [Fact]
    public void A_missing_key_is_named()
    {
        var ex = Compose.Fails("interpolation", "missing_key");
        Assert.Equal("interpolation '${model.nmae}' at 'tag': key 'model.nmae' not found", ex.Message);
    }

    [Fact]
    public void An_interpolation_to_a_missing_value_is_an_error_and_the_missing_value_stays()
    {
        var ex = Compose.Fails("interpolation", "to_missing");
        Assert.Equal("interpolation '${lr}' at 'text': 'lr' is missing (???)", ex.Message);
        var composed = Compose.Run("interpolation", "to_missing", "lr=0.1");
        Assert.Equal("lr=0.1", ((ConfigScalar)composed.Resolve("text")).Value);
    }

    [Fact]
    public void The_job_number_is_missing_outside_a_sweep()
    {
        var composed = new ConfigComposer(new ConfigRepository(Compose.Dir("interpolation"))).Compose("config", [], Compose.Context(jobNum: null));
        var ex = Assert.Throws<ConfigCompositionException>(() => composed.Resolve("hydra.sweep.subdir"));
        Assert.Equal("interpolation '${hydra.job.num}' at 'hydra.sweep.subdir': 'hydra.job.num' is missing (???); it is set for the jobs of a sweep (pass a job number)", ex.Message);
        Assert.Equal("mlp_w128", ((ConfigScalar)composed.Resolve("run_name")).Value);
    }

    [Fact]
    public void An_unknown_resolver_is_named()
    {
        var ex = Compose.Fails("interpolation", "unknown_resolver");
        Assert.Equal("'x': unsupported resolver 'oc.nope' in '${oc.nope:1}' (supported: now, oc.env, oc.select, hydra)", ex.Message);
    }

    [Fact]
    public void Resolving_a_key_follows_interpolations_on_the_way()
    {
        var composed = Compose.Run("interpolation", "config.yaml");
        Assert.Equal(128L, ((ConfigScalar)composed.Resolve("copy.width")).Value);
        var ex = Assert.Throws<ConfigCompositionException>(() => composed.Resolve("copy.height"));
        Assert.Equal("key 'copy.height' is not in the config", ex.Message);
    }

    [Fact]
    public void An_override_value_can_interpolate()
    {
        var composed = Compose.Run("interpolation", "config", "model.name=${which}_net");
        Assert.Equal("name_net_w128", ((ConfigScalar)composed.Resolve("run_name")).Value);
    }
}
