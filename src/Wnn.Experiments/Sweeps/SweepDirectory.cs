using Wnn.Experiments.Config;
using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Where a sweep goes: its directory template resolved once (one timestamp per sweep) against its config. The default is
/// seed 004's <see cref="DefaultTemplate"/>; <c>env.output_root</c> is a config key that defaults to
/// <see cref="DefaultOutputRoot"/>, relative to the working directory.
/// </summary>
internal static class SweepDirectory
{
    /// <summary>The sweep directory when the config names none (seed 004's layout).</summary>
    public const string DefaultTemplate = "${env.output_root}/experiments/exp_${now:%Y%m%d-%H%M%S}_${name}";

    /// <summary>The default of <c>env.output_root</c>.</summary>
    public const string DefaultOutputRoot = "outputs";

    private const string Slot = "__wnn_sweep_dir__";

    /// <summary>
    /// Resolves <paramref name="template"/> with OmegaConf interpolation against <paramref name="config"/> (not changed), where
    /// <c>${name}</c> is the sweep's name unless the config has a <c>name</c> and <c>env.output_root</c> has its default.
    /// </summary>
    /// <exception cref="ConfigException">A key the template names is missing, or the template does not resolve to text.</exception>
    public static string Resolve(string template, ConfigMapping config, string name, DateTimeOffset now, string where)
    {
        var root = (ConfigMapping)config.Clone();
        try
        {
            if (ConfigEdit.Select(root, "env.output_root") is null or ConfigScalar { Value: null })
            {
                ConfigEdit.Update(root, "env.output_root", new ConfigScalar(DefaultOutputRoot), forceAdd: true);
            }

            if (!root.ContainsKey("name"))
            {
                root["name"] = new ConfigScalar(name);
            }

            root[Slot] = new ConfigScalar(template);
            ConfigNode? resolved = new InterpolationResolver(root, new ConfigCompositionContext { Now = now }).ResolveKey(Slot);
            return resolved is ConfigScalar { Value: not null } s && PythonText.Str(s.Value) is { Length: > 0 } text
                ? text
                : throw new ConfigException($"{where}: '{template}' does not resolve to a directory name");
        }
        catch (ConfigCompositionException ex)
        {
            throw new ConfigException($"{where}: cannot resolve '{template}': {ex.Message}", ex);
        }
    }
}
