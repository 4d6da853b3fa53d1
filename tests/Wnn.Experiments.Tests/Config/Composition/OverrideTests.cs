using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>Value overrides on the composed config in struct mode, as Hydra's config loader applies them.</summary>
public sealed class OverrideTests
{
    [Fact]
    public void Setting_a_key_that_does_not_exist_says_to_use_plus()
    {
        var ex = Compose.Fails("first_app", "config", "db.port=3306");
        Assert.Equal("Could not override 'db.port': key 'db.port' is not in the config. To append to your config use +db.port=3306", ex.Message);
        ex = Compose.Fails("first_app", "config", "cache.size=1");
        Assert.Equal("Could not override 'cache.size': key 'cache' is not in the config. To append to your config use +cache.size=1", ex.Message);
    }

    [Fact]
    public void Plus_adds_a_new_key_and_refuses_an_existing_one()
    {
        Assert.Equal(Compose.Yaml("""
            db:
              driver: mysql
              pass: secret
              user: omry
              port: 3306
            cache:
              size: 1
            """), Compose.Job("first_app", "config", "+db.port=3306", "+cache.size=1"));
        var ex = Compose.Fails("first_app", "config", "+db.user=root");
        Assert.Equal(
            "Could not append to config. An item is already at 'db.user'. Either remove + prefix: 'db.user=root' Or add a second + to add or override 'db.user': '++db.user=root'",
            ex.Message);
    }

    [Fact]
    public void Double_plus_sets_whether_or_not_the_key_exists()
    {
        Assert.Equal(Compose.Yaml("""
            db:
              driver: mysql
              pass: secret
              user: root
              port: 3306
            """), Compose.Job("first_app", "config", "++db.user=root", "++db.port=3306"));
    }

    [Fact]
    public void Tilde_deletes_a_key_optionally_checking_its_value()
    {
        Assert.Equal(Compose.Yaml("""
            db:
              driver: mysql
              user: omry
            """), Compose.Job("first_app", "config", "~db.pass"));
        Assert.Equal(Compose.Yaml("""
            db:
              driver: mysql
              user: omry
            """), Compose.Job("first_app", "config", "~db.pass=secret"));
        var ex = Compose.Fails("first_app", "config", "~db.pass=other");
        Assert.Equal("Could not delete from config. The value of 'db.pass' is secret and not other.", ex.Message);
        ex = Compose.Fails("first_app", "config", "~db.port");
        Assert.Equal("Could not delete from config. 'db.port' does not exist.", ex.Message);
    }

    [Fact]
    public void Values_keep_their_types_and_a_list_replaces_a_list()
    {
        var composed = Compose.Run("interpolation", "config", "model.width=256", "sizes=[1,2,3]", "lr=0.5", "flag=false", "model.name=null");
        ConfigMapping job = composed.ResolveJob();
        Assert.Equal(256L, ((ConfigScalar)ConfigEdit.Select(job, "model.width")!).Value);
        Assert.Equal(new List<object?> { 1L, 2L, 3L }, (List<object?>)job["sizes"].ToPlainObject()!);
        Assert.Equal(0.5, ((ConfigScalar)job["lr"]).Value);
        Assert.Equal(false, ((ConfigScalar)job["flag"]).Value);
        Assert.Null(((ConfigScalar)ConfigEdit.Select(job, "model.name")!).Value);
        Assert.Equal("None_w256", ((ConfigScalar)job["run_name"]).Value);
    }

    [Fact]
    public void A_mapping_value_merges_into_a_mapping_in_struct_mode()
    {
        var over = new ConfigOverride(ConfigOverrideKind.Auto, ConfigOverrideOperation.Set, "db", null,
            new Dictionary<string, object?> { ["user"] = "root", ["pass"] = "x" });
        var composer = new ConfigComposer(new ConfigRepository(Compose.Dir("first_app")));
        var composed = composer.Compose("config", [over], Compose.Context());
        Assert.Equal(Compose.Yaml("""
            db:
              driver: mysql
              pass: x
              user: root
            """), ConfigYaml.Write(composed.ResolveJob()));
        var extra = over with { Value = new Dictionary<string, object?> { ["port"] = 1L } };
        var ex = Assert.Throws<ConfigCompositionException>(() => composer.Compose("config", [extra], Compose.Context()));
        Assert.StartsWith("Could not override 'db': key 'db.port' is not in the config. To append to your config use +", ex.Message);
    }

    [Fact]
    public void Without_a_config_directory_only_added_keys_exist()
    {
        var composer = new ConfigComposer(null);
        var composed = composer.Compose(null, [ConfigOverride.ParseSimple("+a.b=1"), ConfigOverride.ParseSimple("+c=x")], Compose.Context());
        Assert.Equal(Compose.Yaml("""
            a:
              b: 1
            c: x
            """), ConfigYaml.Write(composed.ResolveJob()));
        var ex = Assert.Throws<ConfigCompositionException>(() => composer.Compose(null, [ConfigOverride.ParseSimple("a=1")], Compose.Context()));
        Assert.Equal("Could not override 'a': key 'a' is not in the config. To append to your config use +a=1", ex.Message);
    }

    [Fact]
    public void An_explicit_group_selection_of_an_unknown_group_lists_the_groups()
    {
        var over = new ConfigOverride(ConfigOverrideKind.GroupSelection, ConfigOverrideOperation.Set, "dbx", null, "mysql", "dbx=mysql");
        var ex = Assert.Throws<ConfigCompositionException>(() =>
            new ConfigComposer(new ConfigRepository(Compose.Dir("server_db"))).Compose("config", [over], Compose.Context()));
        Assert.Equal("override 'dbx=mysql': 'dbx' is not a config group; groups: group, server, server/db", ex.Message);
    }

    [Fact]
    public void Overrides_are_recorded_under_hydra_with_the_override_dirname()
    {
        var composed = Compose.Run("first_app", "config", "db=postgresql", "db.timeout=20", "hydra.job.name=probe");
        ConfigNode hydra = composed.Resolve("hydra");
        Assert.Equal(new List<object?> { "db=postgresql", "db.timeout=20" }, (List<object?>)ConfigEdit.Select(hydra, "overrides.task")!.ToPlainObject()!);
        Assert.Equal(new List<object?> { "hydra.job.name=probe" }, (List<object?>)ConfigEdit.Select(hydra, "overrides.hydra")!.ToPlainObject()!);
        Assert.Equal("db.timeout=20,db=postgresql", ((ConfigScalar)ConfigEdit.Select(hydra, "job.override_dirname")!).Value);
        Assert.Equal("probe", ((ConfigScalar)ConfigEdit.Select(hydra, "job.name")!).Value);
        Assert.Equal("config", ((ConfigScalar)ConfigEdit.Select(hydra, "job.config_name")!).Value);
    }
}
