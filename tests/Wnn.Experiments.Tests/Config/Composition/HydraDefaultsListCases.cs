namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>
/// Final defaults lists (config path and package, in order) for cases of Hydra 1.3.2's own test suite,
/// tests/defaults_list/test_defaults_list.py, on a copy of the configs they use (configs/hydra_defaults_list,
/// tests/defaults_list/data there). Each case names the pytest id it comes from.
/// </summary>
public sealed class HydraDefaultsListCases
{
    [Theory]
    // test_simple_defaults_list_cases: id=include_nested_group
    [InlineData("include_nested_group", "", "group1/group2/file1:group1.group2; group1/group_item1:group1; include_nested_group:")]
    // test_override_package_in_defaults_list: id=config_default_pkg1
    [InlineData("config_default_pkg1", "", "empty:pkg1; config_default_pkg1:")]
    // test_override_package_in_defaults_list: id=include_nested_config_item_pkg2
    [InlineData("include_nested_config_item_pkg2", "", "group1/group2/file1:group1.pkg2; group1/config_item_pkg2:group1; include_nested_config_item_pkg2:")]
    // test_override_package_in_defaults_list: id=include_nested_config_item_global
    [InlineData("include_nested_config_item_global", "", "group1/group2/file1:; group1/config_item_global_:group1; include_nested_config_item_global:")]
    // test_include_nested_group_pkg2: id=include_nested_group_pkg2, id=option_override:include_nested_group_pkg2
    [InlineData("include_nested_group_pkg2", "", "group1/group2/file1:group1.pkg2; group1/group_item1_pkg2:group1; include_nested_group_pkg2:")]
    [InlineData("include_nested_group_pkg2", "group1/group2@group1.pkg2=file2", "group1/group2/file2:group1.pkg2; group1/group_item1_pkg2:group1; include_nested_group_pkg2:")]
    // test_group_default_pkg1: id=group_default_pkg1, id=option_override:group_default_pkg1
    [InlineData("group_default_pkg1", "", "group1/file1:pkg1; group_default_pkg1:")]
    [InlineData("group_default_pkg1", "group1@pkg1=file2", "group1/file2:pkg1; group_default_pkg1:")]
    // test_include_nested_group_global: id=include_nested_config_item_global, id=option_override:include_nested_config_item_global
    [InlineData("include_nested_group_global_", "", "group1/group2/file1:; group1/group_item1_global_:group1; include_nested_group_global_:")]
    [InlineData("include_nested_group_global_", "group1/group2@_global_=file2", "group1/group2/file2:; group1/group_item1_global_:group1; include_nested_group_global_:")]
    // test_group_global: id=group_default_at_global, id=...:include_experiment_to_override_toplevel_package, id=two_group_defaults_different_pkgs_global
    [InlineData("group_default_at_global", "", "group1/file1:; group_default_at_global:")]
    [InlineData("group_default_at_global", "+experiment=override_with_global_default2", "group1/file2:; group_default_at_global:; experiment/override_with_global_default2:experiment")]
    [InlineData("two_group_defaults_different_pkgs_global", "", "group1/file1:group1; group1/file2:; two_group_defaults_different_pkgs_global:")]
    // test_include_nested_group_global_foo: id=include_nested_group_global_foo
    [InlineData("include_nested_group_global_foo", "", "group1/group2/file1:foo; group1/group_item1_global_foo:group1; include_nested_group_global_foo:")]
    // test_include_nested_group_pkg_header_foo: four ids
    [InlineData("include_nested_group_pkg_header_foo", "", "group1/group2/file1:foo.group2; group1/group_item1_pkg_header_foo:foo; include_nested_group_pkg_header_foo:")]
    [InlineData("include_nested_group_pkg_header_foo", "group1/group2@foo.group2=file2", "group1/group2/file2:foo.group2; group1/group_item1_pkg_header_foo:foo; include_nested_group_pkg_header_foo:")]
    [InlineData("include_nested_group_pkg_header_foo", "group1=group_item2_pkg_header_foo", "group1/group2/file2:foo.group2; group1/group_item2_pkg_header_foo:foo; include_nested_group_pkg_header_foo:")]
    [InlineData("include_nested_group_pkg_header_foo", "group1=group_item2_pkg_header_bar", "group1/group2/file2:bar.group2; group1/group_item2_pkg_header_bar:bar; include_nested_group_pkg_header_foo:")]
    // test_included_from_overrides: both ids included_from_overrides
    [InlineData("empty", "+group1/group2=file1_pkg_header_foo", "empty:; group1/group2/file1_pkg_header_foo:foo")]
    [InlineData("empty", "+group1=group_item1_with_pkg_header_foo", "empty:; group1/group2/file1_pkg_header_foo:foo; group1/group_item1_with_pkg_header_foo:group1")]
    // test_placeholder: four ids
    [InlineData("placeholder", "", "placeholder:")]
    [InlineData("placeholder", "group1=file1", "group1/file1:group1; placeholder:")]
    [InlineData("nested_placeholder", "", "group1/placeholder:group1; nested_placeholder:")]
    [InlineData("nested_placeholder", "group1/group2=file1", "group1/group2/file1:group1.group2; group1/placeholder:group1; nested_placeholder:")]
    // test_interpolation_simple: id=interpolation_simple
    [InlineData("interpolation_simple", "group1=file2", "group1/file2:group1; group2/file2:group2; group1_group2/file2_file2:group1_group2; interpolation_simple:")]
    public void The_defaults_list_matches_hydra(string configName, string overrides, string expected)
    {
        string[] list = overrides.Length == 0 ? [] : overrides.Split(' ');
        var composed = Compose.Run("hydra_defaults_list", configName, list);
        Assert.Equal(expected, string.Join("; ", composed.DefaultsList.Select(d => d.ConfigPath + ":" + d.Package)));
    }

    [Fact]
    public void A_wrong_package_in_a_group_override_suggests_the_right_one()
    {
        // test_group_default_pkg1: id=option_override:group_default_pkg1:bad_package_in_override
        var ex = Compose.Fails("hydra_defaults_list", "group_default_pkg1", "group1@wrong=file2");
        Assert.StartsWith("Could not override 'group1@wrong'. Did you mean to override group1@pkg1? To append to your defaults list use +group1@wrong=file2", ex.Message);
    }
}
