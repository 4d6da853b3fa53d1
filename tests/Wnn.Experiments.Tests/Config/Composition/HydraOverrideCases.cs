using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>
/// Value overrides in struct mode, the cases of Hydra 1.3.2's tests/test_config_loader.py
/// <c>test_apply_overrides_to_config</c> (all but the structured-config ones), each citing its pytest id. Values are
/// written as YAML flow here (<c>{a: 1}</c> for Hydra's <c>{a:1}</c>).
/// </summary>
public sealed class HydraOverrideCases
{
    [Theory]
    [InlineData("append", "{}", "+x=10", "{x: 10}")]
    [InlineData("append:list", "{}", "+x=[1, 2, 3]", "{x: [1, 2, 3]}")]
    [InlineData("append:dict:empty", "{}", "+x={}", "{x: {}}")]
    [InlineData("append:dict", "{}", "+x={a: 1}", "{x: {a: 1}}")]
    [InlineData("append:dict", "{}", "+x={a: 1, b: 2}", "{x: {a: 1, b: 2}}")]
    [InlineData("override", "{x: 20}", "x=10", "{x: 10}")]
    [InlineData("override:list", "{x: null}", "x=[1, 2, 3]", "{x: [1, 2, 3]}")]
    [InlineData("override_with_null", "{x: 20}", "x=null", "{x: null}")]
    [InlineData("merge_dict", "{x: {a: 10}}", "x={a: 20}", "{x: {a: 20}}")]
    [InlineData("merge_dict", "{x: {a: 10, b: null}}", "x={b: 20}", "{x: {a: 10, b: 20}}")]
    [InlineData("merge_dict", "{x: {a: 10}}", "+x={b: 20}", "{x: {a: 10, b: 20}}")]
    [InlineData("delete", "{x: 20}", "~x", "{}")]
    [InlineData("delete_strict", "{x: 20}", "~x=20", "{}")]
    [InlineData("delete", "{x: {y: 10}}", "~x", "{}")]
    [InlineData("delete", "{x: {y: 10}}", "~x.y", "{x: {}}")]
    [InlineData("delete_strict", "{x: {y: 10}}", "~x.y=10", "{x: {}}")]
    [InlineData("delete:list", "{x: [1, 2, 3]}", "~x", "{}")]
    [InlineData("delete:list", "{x: [1, 2, 3]}", "~x=[1, 2, 3]", "{}")]
    // Not from Hydra's suite: OmegaConf.select treats ??? as absent, so + may fill a missing value.
    [InlineData("append:missing_value", "{x: ???}", "+x=1", "{x: 1}")]
    public void The_override_gives_hydras_result(string id, string input, string overrideText, string expected)
    {
        ConfigMapping job = Apply(input, overrideText).ResolveJob();
        Assert.True(SameTree(ConfigYaml.Parse(expected, id), job), $"{id}: got {ConfigYaml.Write(job)}");
    }

    [Theory]
    [InlineData("append:error:no_match", "{}", "x=10", "Could not override 'x'", "To append to your config use +x=10")]
    [InlineData("append:error:already_there", "{x: 20}", "+x=10", "Could not append to config. An item is already at 'x'", "")]
    [InlineData("delete_error_key", "{x: 20}", "~z", "Could not delete from config. 'z' does not exist.", "")]
    [InlineData("delete_error_value", "{x: 20}", "~x=10", "Could not delete from config. The value of 'x' is 20 and not 10.", "")]
    [InlineData("delete:missing_value", "{x: ???}", "~x", "Could not delete from config. 'x' does not exist.", "")]
    [InlineData("config_group_missing", "{x: 20}", "foo@bar=10", "Override foo@bar=10 looks like a config group override, but config group 'foo' does not exist.", "")]
    public void The_override_fails_as_in_hydra(string id, string input, string overrideText, string start, string end)
    {
        var ex = Assert.Throws<ConfigCompositionException>(() => Apply(input, overrideText).ResolveJob());
        Assert.True(ex.Message.StartsWith(start, StringComparison.Ordinal) && ex.Message.EndsWith(end, StringComparison.Ordinal), $"{id}: {ex.Message}");
    }

    // The input config is built with ++ overrides (no config directory), then the override under test applies.
    private static ComposedConfig Apply(string input, string overrideText)
    {
        var setup = ((ConfigMapping)ConfigYaml.Parse(input, "input")).Entries
            .Select(e => new ConfigOverride(ConfigOverrideKind.Value, ConfigOverrideOperation.ForceAdd, e.Key, null, e.Value.ToPlainObject()));
        return new ConfigComposer(null).Compose(null, [.. setup, Parse(overrideText)], Compose.Context());
    }

    private static ConfigOverride Parse(string text)
    {
        (ConfigOverrideOperation op, string rest) = text switch
        {
            _ when text.StartsWith("++", StringComparison.Ordinal) => (ConfigOverrideOperation.ForceAdd, text[2..]),
            _ when text.StartsWith('+') => (ConfigOverrideOperation.Add, text[1..]),
            _ when text.StartsWith('~') => (ConfigOverrideOperation.Delete, text[1..]),
            _ => (ConfigOverrideOperation.Set, text),
        };
        int eq = rest.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? rest : rest[..eq];
        int at = key.IndexOf('@', StringComparison.Ordinal);
        object? value = eq < 0 ? null : ((ConfigMapping)ConfigYaml.Parse("v: " + rest[(eq + 1)..], "override"))["v"].ToPlainObject();
        return new ConfigOverride(ConfigOverrideKind.Auto, op, at < 0 ? key : key[..at], at < 0 ? null : key[(at + 1)..], value, text.Replace(" ", "", StringComparison.Ordinal));
    }

    private static bool SameTree(ConfigNode a, ConfigNode b) => ConfigYaml.Write(a) == ConfigYaml.Write(b);
}
