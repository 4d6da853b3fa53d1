using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// The job list of a grid sweep over a config directory, as Hydra's multirun makes it: the primary config is composed
/// with the command line's non-sweep overrides (defaults lists, <c># @package _global_</c> experiments, interpolation),
/// its <c>hydra.sweeper.params</c> are read from the composed config, and <see cref="BasicSweepPlanner"/> makes the jobs.
/// </summary>
public static class ConfigSweepPlanner
{
    /// <summary>
    /// Each job's overrides, in order. With no <paramref name="repository"/> nothing is composed and the keys are free
    /// (as in Hydra's own sweeper tests); <c>glob()</c> then has no options.
    /// </summary>
    /// <exception cref="OverrideParseException">An override does not parse.</exception>
    /// <exception cref="ConfigCompositionException">The config cannot be composed, or its sweeper params are not a mapping of text.</exception>
    /// <exception cref="SweepPlanException">A sweep cannot be enumerated (interval, too many jobs).</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Plan(
        ConfigRepository? repository, string? configName, IReadOnlyList<string> overrides, ConfigCompositionContext context, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(context);
        if (repository is null)
        {
            return BasicSweepPlanner.Plan([], overrides, new SweepPlanOptions { Seed = seed });
        }

        ComposedConfig composed = ComposeBase(repository, configName, overrides, context, seed);
        return BasicSweepPlanner.Plan(SweeperParams(composed), overrides, new SweepPlanOptions { Seed = seed, GroupOptions = repository.GetOptions });
    }

    /// <summary>The config every job starts from: the primary config composed with the overrides that are not sweeps.</summary>
    public static ComposedConfig ComposeBase(
        ConfigRepository repository, string? configName, IReadOnlyList<string> overrides, ConfigCompositionContext context, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(overrides);
        List<ConfigOverride> single = [.. OverrideParser.ParseAll(overrides, seed).Where(o => !o.IsSweep).Select(ConfigOverride.FromOverride)];
        return new ConfigComposer(repository).Compose(configName, single, context);
    }

    /// <summary>
    /// The composed config's <c>hydra.sweeper.params</c> in YAML order, each value as its text (<c>none,linear,vq</c>;
    /// a number or bool as Python's <c>str()</c>); empty when unset or null.
    /// </summary>
    /// <exception cref="ConfigCompositionException">The params are not a mapping, or a value is a list or mapping.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> SweeperParams(ComposedConfig composed)
    {
        ArgumentNullException.ThrowIfNull(composed);
        ConfigNode? node = ConfigEdit.Select(composed.Config, "hydra.sweeper.params");
        if (node is null or ConfigScalar { Value: null })
        {
            return [];
        }

        if (node is not ConfigMapping map)
        {
            throw new ConfigCompositionException("hydra.sweeper.params must be a mapping of key: sweep (e.g. lr: 0.1,0.01)");
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach ((string key, ConfigNode value) in map.Entries)
        {
            string text = value is ConfigScalar s
                ? PythonText.Str(s.Value)
                : throw new ConfigCompositionException(
                    $"hydra.sweeper.params.{key} must be text such as 'a,b' or 'range(1,4)', not a {(value is ConfigSequence ? "list" : "mapping")}");
            result.Add(new(key, text));
        }

        return result;
    }
}
