namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>Packages: default (group path), <c>group@pkg</c> relative to the containing config, <c># @package</c>
/// headers (absolute), <c>_here_</c>, <c>_group_</c>, <c>_global_</c>; expected values from Hydra 1.3's
/// advanced/overriding_packages.md and patterns/configuring_experiments.md.</summary>
public sealed class PackageTests
{
    [Fact]
    public void A_package_in_the_defaults_list_relocates_the_whole_subtree()
    {
        // overriding_packages.md "Overriding packages using the Defaults List"
        Assert.Equal(Compose.Yaml("""
            admin:
              backup:
                name: mysql
              name: apache
            debug: false
            """), Compose.Job("server_db", "relocated"));
    }

    [Fact]
    public void One_group_can_be_used_twice_under_two_packages_and_each_is_overridden_by_its_package()
    {
        // overriding_packages.md "Using a config group more than once"
        Assert.Equal(Compose.Yaml("""
            src:
              name: mysql
            dst:
              name: mysql
            """), Compose.Job("server_db", "two_packages"));
        Assert.Equal(Compose.Yaml("""
            src:
              name: sqlite
            dst:
              name: mysql
            """), Compose.Job("server_db", "two_packages", "server/db@src=sqlite"));
        var composed = Compose.Run("server_db", "two_packages");
        Assert.Equal("mysql", composed.Choices["server/db@src"]);
        Assert.Equal("mysql", composed.Choices["server/db@dst"]);
    }

    [Fact]
    public void A_package_header_is_absolute_and_a_defaults_list_package_beats_it()
    {
        // overriding_packages.md: priority 1. defaults list package, 2. package directive, 3. default package
        Assert.Equal(Compose.Yaml("""
            foo:
              bar:
                name: headered
            """), Compose.Job("server_db", "header"));
        Assert.Equal(Compose.Yaml("""
            chosen:
              name: headered
            """), Compose.Job("server_db", "header_with_list_package"));
        Assert.Equal(Compose.Yaml("""
            server:
              db:
                name: late
            """), Compose.Job("server_db", "late_header"));
    }

    [Fact]
    public void An_absolute_group_in_a_nested_config_still_lands_under_the_containing_package()
    {
        // overriding_packages.md "Default List package keywords": without a package, config_group.server.db
        Assert.Equal(Compose.Yaml("""
            group:
              server:
                db:
                  name: mysql
              own: 1
            """), Compose.Job("server_db", "nest_config"));
    }

    [Fact]
    public void Here_global_and_group_keywords_place_the_content()
    {
        // _here_: the containing config's package; _global_.foo: absolute foo; _group_: the group's default package.
        // The containing config's own (empty) content still lands at its package, as Hydra embeds it: group: {}.
        Assert.Equal(Compose.Yaml("""
            group:
              name: mysql
            """), Compose.Job("server_db", "nest_here"));
        Assert.Equal(Compose.Yaml("""
            foo:
              name: mysql
            group: {}
            """), Compose.Job("server_db", "nest_global_foo"));
        Assert.Equal(Compose.Yaml("""
            server:
              db:
                name: mysql
            group: {}
            """), Compose.Job("server_db", "nest_by_group"));
    }

    [Fact]
    public void A_global_package_header_merges_at_the_root()
    {
        // configuring_experiments.md: experiment/aplite.yaml is "# @package _global_" and sets server.port
        var composed = Compose.Run("experiments", "config", "+experiment=aplite");
        Assert.Contains(("experiment/aplite", ""), composed.DefaultsList);
    }

    [Fact]
    public void A_package_on_a_value_override_is_refused()
    {
        var ex = Compose.Fails("server_db", "config", "debug@x=true");
        Assert.Equal("Override debug@x=true looks like a config group override, but config group 'debug' does not exist.", ex.Message);
    }
}
