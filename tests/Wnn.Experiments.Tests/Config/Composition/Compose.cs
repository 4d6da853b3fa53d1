using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>Composes the checked-in config trees (copied next to the tests) with a fixed clock and environment.</summary>
internal static class Compose
{
    /// <summary>The clock every test composes with: 2025-10-31 12:00:00, the timestamp of seed 004's example.</summary>
    public static readonly DateTimeOffset Clock = new(2025, 10, 31, 12, 0, 0, TimeSpan.Zero);

    public static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["WNN_TEST_HOME"] = "/home/tester",
        ["USER"] = "alice",
    };

    public static ConfigCompositionContext Context(int? jobNum = 0) => new()
    {
        Now = Clock,
        JobNum = jobNum,
        Environment = name => Environment.GetValueOrDefault(name),
    };

    public static string Dir(string tree) => Path.Combine(AppContext.BaseDirectory, "Config", "Composition", "configs", tree);

    public static ComposedConfig Run(string tree, string? configName, params string[] overrides) =>
        new ConfigComposer(new ConfigRepository(Dir(tree))).Compose(configName, [.. overrides.Select(ConfigOverride.ParseSimple)], Context());

    /// <summary>The application config (without hydra), resolved, as YAML.</summary>
    public static string Job(string tree, string? configName, params string[] overrides) => ConfigYaml.Write(Run(tree, configName, overrides).ResolveJob());

    public static ConfigCompositionException Fails(string tree, string? configName, params string[] overrides) =>
        Assert.Throws<ConfigCompositionException>(() => Run(tree, configName, overrides).Resolve());

    /// <summary>Expected YAML written as a C# raw string (no trailing newline) in the form the writer produces.</summary>
    public static string Yaml(string text) => text.ReplaceLineEndings("\n") + "\n";
}
