namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>Defaults lists, groups, <c>_self_</c>, optional/null/??? entries, group overrides; expected values from
/// Hydra 1.3's documentation (tutorials/basic/your_first_app/5_defaults.md, advanced/defaults_list.md,
/// patterns/configuring_experiments.md).</summary>
public sealed class DefaultsListTests
{
    [Fact]
    public void A_group_default_is_loaded_into_the_package_of_its_group()
    {
        // 5_defaults.md: "$ python my_app.py"
        Assert.Equal(Compose.Yaml("""
            db:
              driver: mysql
              pass: secret
              user: omry
            """), Compose.Job("first_app", "config"));
    }

    [Fact]
    public void A_group_selection_on_the_command_line_replaces_the_default_and_values_apply_after()
    {
        // 5_defaults.md: "$ python my_app.py db=postgresql db.timeout=20"
        Assert.Equal(Compose.Yaml("""
            db:
              driver: postgresql
              pass: drowssap
              timeout: 20
              user: postgres_user
            """), Compose.Job("first_app", "config", "db=postgresql", "db.timeout=20"));
    }

    [Fact]
    public void Tilde_group_removes_the_entry_from_the_defaults_list()
    {
        // 5_defaults.md: "$ python my_app.py ~db" prints {}
        Assert.Equal("{}\n", Compose.Job("first_app", "config", "~db"));
        Assert.Equal("{}\n", Compose.Job("first_app", "config", "~db=mysql"));
        var ex = Compose.Fails("first_app", "config", "~db=postgresql");
        Assert.Equal("Could not delete 'db=postgresql'. No match in the defaults list", ex.Message);
    }

    [Fact]
    public void Self_last_lets_the_primary_config_override_its_defaults()
    {
        // 5_defaults.md "Composition order of primary config": db.user from config.yaml
        string expected = Compose.Yaml("""
            db:
              driver: mysql
              pass: secret
              user: root
            """);
        Assert.Equal(expected, Compose.Job("first_app", "self_last"));
        // "If it is not specified, it is added automatically as the last item" (defaults_list.md)
        Assert.Equal(expected, Compose.Job("first_app", "self_implicit"));
    }

    [Fact]
    public void Self_first_lets_the_defaults_override_the_primary_config()
    {
        // 5_defaults.md: "Result config: All values from db/mysql". The page lists the keys sorted; OmegaConf keeps the
        // first config's key first (user, from config.yaml), then appends the new ones.
        Assert.Equal(Compose.Yaml("""
            db:
              user: omry
              driver: mysql
              pass: secret
            """), Compose.Job("first_app", "self_first"));
    }

    [Fact]
    public void Nested_defaults_compose_depth_first_with_the_group_relative_to_the_containing_config()
    {
        // defaults_list.md "An example": server/apache.yaml selects db: mysql, which is server/db/mysql
        Assert.Equal(Compose.Yaml("""
            server:
              db:
                name: mysql
              name: apache
            debug: false
            """), Compose.Job("server_db", "config"));
        var composed = Compose.Run("server_db", "config");
        Assert.Equal(
            [("server/db/mysql", "server.db"), ("server/apache", "server"), ("config", "")],
            composed.DefaultsList);
    }

    [Fact]
    public void A_nested_group_is_overridden_by_its_full_path_on_the_command_line()
    {
        // defaults_list.md: "$ python my_app.py server/db=sqlite"
        Assert.Equal(Compose.Yaml("""
            server:
              db:
                name: sqlite
              name: apache
            debug: false
            """), Compose.Job("server_db", "config", "server/db=sqlite"));
    }

    [Fact]
    public void An_override_entry_in_the_defaults_list_replaces_an_earlier_choice()
    {
        // defaults_list.md "Overriding Config Group options"
        Assert.Equal(Compose.Yaml("""
            server:
              db:
                name: sqlite
              name: apache
            debug: false
            """), Compose.Job("server_db", "override_in_primary"));
    }

    [Fact]
    public void An_override_entry_must_come_after_the_other_entries()
    {
        var ex = Compose.Fails("server_db", "override_not_last");
        Assert.Equal("In override_not_last: Override 'server/db : sqlite' is defined before 'server: apache'. Overrides must be at the end of the defaults list", ex.Message);
    }

    [Fact]
    public void An_unknown_option_names_the_available_ones()
    {
        var ex = Compose.Fails("first_app", "config", "db=oracle");
        Assert.Equal("In 'config': Could not find 'db/oracle'; available options in 'db': mysql, postgresql", ex.Message);
        ex = Compose.Fails("first_app", "bad_option");
        Assert.Equal("In 'bad_option': Could not find 'db/oracle'; available options in 'db': mysql, postgresql", ex.Message);
    }

    [Fact]
    public void An_unknown_primary_config_names_the_configs_there()
    {
        var ex = Compose.Fails("first_app", "nope");
        Assert.StartsWith("Cannot find primary config 'nope' in '", ex.Message);
        Assert.EndsWith("configs there: bad_option, config, missing_choice, optional_absent, self_first, self_implicit, self_last, several, unselected", ex.Message);
    }

    [Fact]
    public void A_mandatory_choice_must_be_given()
    {
        var ex = Compose.Fails("first_app", "missing_choice");
        Assert.Equal("You must specify 'db', e.g. db=<OPTION>; available options: mysql, postgresql", ex.Message);
        Assert.Contains("driver: postgresql", Compose.Job("first_app", "missing_choice", "db=postgresql"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_entry_whose_config_is_absent_is_skipped()
    {
        Assert.Equal("app: 1\n", Compose.Job("first_app", "optional_absent"));
        Assert.Contains("driver: mysql", Compose.Job("first_app", "optional_absent", "db=mysql"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_entry_is_a_placeholder_until_selected()
    {
        Assert.Equal("app: 1\n", Compose.Job("first_app", "unselected"));
        Assert.Equal(Compose.Yaml("""
            db:
              driver: postgresql
              pass: drowssap
              timeout: 10
              user: postgres_user
            app: 1
            """), Compose.Job("first_app", "unselected", "db=postgresql"));
        Assert.Null(Compose.Run("first_app", "unselected").Choices["db"]);
    }

    [Fact]
    public void A_list_of_options_merges_them_in_order()
    {
        // defaults_list.md CONFIG_NAMES; patterns/select_multiple_configs_from_config_group.md
        Assert.Equal(Compose.Yaml("""
            db:
              driver: postgresql
              pass: drowssap
              user: postgres_user
              timeout: 10
            """), Compose.Job("first_app", "several"));
    }

    [Fact]
    public void Plus_group_appends_an_experiment_whose_overrides_win()
    {
        // patterns/configuring_experiments.md
        Assert.Equal(Compose.Yaml("""
            db:
              name: mysql
            server:
              name: apache
              port: 80
            """), Compose.Job("experiments", "config"));
        Assert.Equal(Compose.Yaml("""
            db:
              name: sqlite
            server:
              name: apache
              port: 8080
            """), Compose.Job("experiments", "config", "+experiment=aplite"));
        Assert.Equal(Compose.Yaml("""
            db:
              name: sqlite
            server:
              name: nginx
              port: 8080
            """), Compose.Job("experiments", "config", "+experiment=nglite"));
    }

    [Fact]
    public void A_command_line_choice_beats_an_experiments_override()
    {
        Assert.Equal(Compose.Yaml("""
            db:
              name: sqlite
            server:
              name: apache
              port: 8080
            """), Compose.Job("experiments", "config", "+experiment=nglite", "server=apache"));
    }

    [Fact]
    public void Selecting_a_group_that_is_not_in_the_defaults_list_says_to_use_plus()
    {
        var ex = Compose.Fails("experiments", "config", "experiment=aplite");
        Assert.Equal(
            "Could not override 'experiment'. No match in the defaults list. To append to your defaults list use +experiment=aplite (options of 'experiment': aplite, nglite)",
            ex.Message);
    }

    [Fact]
    public void Force_add_of_a_group_is_refused()
    {
        var ex = Compose.Fails("experiments", "config", "++experiment=aplite");
        Assert.StartsWith("force-add of config groups is not supported: '++experiment=aplite'", ex.Message);
    }

    [Fact]
    public void An_interpolated_option_follows_the_final_choices()
    {
        // defaults_list.md "Interpolation in the Defaults List": combination_specific_config: ${server}_${db}
        Assert.Contains("tuned_for: apache+mysql", Compose.Job("experiments", "combined"), StringComparison.Ordinal);
        Assert.Contains("tuned_for: apache+sqlite", Compose.Job("experiments", "combined", "db=sqlite"), StringComparison.Ordinal);
        Assert.Contains("tuned_for: nginx+mysql", Compose.Job("experiments", "combined", "server=nginx"), StringComparison.Ordinal);
        var ex = Compose.Fails("experiments", "combined", "server=nginx", "db=sqlite");
        Assert.Equal("In 'combined': Could not find 'combo/nginx_sqlite'; available options in 'combo': apache_mysql, apache_sqlite, nginx_mysql", ex.Message);
    }

    [Fact]
    public void Choices_record_every_group_selection()
    {
        var composed = Compose.Run("experiments", "combined", "db=sqlite");
        Assert.Equal("sqlite", composed.Choices["db"]);
        Assert.Equal("apache", composed.Choices["server"]);
        Assert.Equal("apache_sqlite", composed.Choices["combo"]);
        Assert.Contains("combo: apache_sqlite", Wnn.Experiments.Config.Composition.ConfigYaml.Write(composed.Resolve("hydra.runtime.choices")), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_configs_choosing_different_options_for_one_group_must_use_override()
    {
        var ex = Compose.Fails("conflict", "config");
        Assert.Equal("Multiple values for db. To override a value use 'override db: postgresql'", ex.Message);
        // A command-line choice makes both entries agree, and then the group is in the list twice (Hydra refuses that too).
        ex = Compose.Fails("conflict", "config", "db=mysql");
        Assert.Equal("db appears more than once in the final defaults list", ex.Message);
    }

    [Fact]
    public void Duplicate_self_is_an_error()
    {
        var ex = Compose.Fails("server_db", "duplicate_self");
        Assert.Equal("Duplicate _self_ defined in duplicate_self", ex.Message);
    }
}
