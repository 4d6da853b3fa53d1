using Wnn.Experiments.Config;
using Wnn.Experiments.Config.Composition;
using Wnn.Launchers.Slurm;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Which launcher runs a sweep's trials and with what Slurm options, in both config forms: seed 003's
/// <c>execution.launcher</c> and top-level <c>slurm:</c> block, and seed 004's <c>hydra.launcher</c> (the keys of Hydra's
/// submitit plugin, chosen with <c>hydra/launcher: submitit_slurm</c> or its <c>_target_</c>). The option names are
/// <see cref="SlurmOptions.Declared"/>'s.
/// </summary>
internal static class SweepLauncherSection
{
    /// <summary>The launcher names accepted by execution.launcher and --launcher.</summary>
    public static readonly string[] Names = ["local", "slurm"];

    /// <summary>The launcher a name selects, or null for none; anything else is a <see cref="ConfigException"/> naming <paramref name="where"/>.</summary>
    public static string? Name(string? text, string where) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "local" or "slurm" => text.Trim().ToLowerInvariant(),
        _ => throw new ConfigException($"{where}: '{text}' is not allowed; allowed: {string.Join(", ", Names)}"),
    };

    /// <summary>Seed 003's top-level <c>slurm:</c> block (null when absent).</summary>
    public static SlurmOptions? Schema(object? node) =>
        node is null ? null : Options(SweepSections.Map(node, "slurm", null), "slurm");

    /// <summary>
    /// Seed 004's launcher in a config tree (composed or as read): <c>hydra.runtime.choices.hydra/launcher</c> or
    /// <c>hydra.launcher._target_</c> names it (submitit_slurm → slurm; basic, joblib, submitit_local → local), and the
    /// other keys of <c>hydra.launcher</c> are its Slurm options.
    /// </summary>
    public static (string? Launcher, SlurmOptions? Slurm) Hydra(IReadOnlyDictionary<string, object?> tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        string? launcher = null;
        if (ConfigTree.TryGet(tree, "hydra.runtime.choices", out object? choices) && choices is Dictionary<string, object?> c
            && c.GetValueOrDefault("hydra/launcher") is string choice)
        {
            launcher = FromChoice(choice, "hydra/launcher");
        }

        if (!ConfigTree.TryGet(tree, "hydra.launcher", out object? node) || node is null)
        {
            return (launcher, null);
        }

        Dictionary<string, object?> map = SweepSections.Map(node, "hydra.launcher", null);
        if (SweepSections.Text(map, "_target_") is string target)
        {
            launcher ??= FromTarget(target);
        }

        // submitit_local's (or joblib's) options are for a local pool, which the local launcher does not need.
        return launcher == "local" ? (launcher, null) : (launcher, Options(map.Where(kv => kv.Key != "_target_"), "hydra.launcher"));
    }

    /// <summary>Seed 004's launcher of a composed config: its <c>hydra.launcher</c> (resolved) and its group choices.</summary>
    /// <exception cref="ConfigCompositionException">An interpolation in <c>hydra.launcher</c> does not resolve.</exception>
    public static (string? Launcher, SlurmOptions? Slurm) Hydra(ComposedConfig composed)
    {
        ArgumentNullException.ThrowIfNull(composed);
        // The composition's group choices, over any the config spells out itself under hydra.runtime.choices.
        var choices = ConfigEdit.Select(composed.Config, "hydra.runtime.choices") is ConfigMapping written
            ? (Dictionary<string, object?>)written.ToPlainObject()!
            : [];
        foreach (KeyValuePair<string, string?> kv in composed.Choices.Where(kv => kv.Value is not null))
        {
            choices[kv.Key] = kv.Value;
        }

        var hydra = new Dictionary<string, object?>
        {
            ["runtime"] = new Dictionary<string, object?> { ["choices"] = choices },
        };
        if (ConfigEdit.Select(composed.Config, "hydra.launcher") is ConfigMapping)
        {
            hydra["launcher"] = composed.Resolve("hydra.launcher").ToPlainObject();
        }

        return Hydra(new Dictionary<string, object?> { ["hydra"] = hydra });
    }

    private static SlurmOptions Options(IEnumerable<KeyValuePair<string, object?>> map, string where)
    {
        try
        {
            return SlurmOptions.Parse(map);
        }
        catch (FormatException ex)
        {
            // SlurmOptions names keys "slurm.<key>"; say where they were written.
            throw new ConfigException(where == "slurm" ? ex.Message : where + ex.Message["slurm".Length..], ex);
        }
    }

    private static string FromChoice(string choice, string where) => choice switch
    {
        "submitit_slurm" => "slurm",
        "basic" or "joblib" or "submitit_local" => "local",
        _ => throw new ConfigException($"{where}: '{choice}' is not supported; allowed: submitit_slurm (Slurm), basic, joblib, submitit_local (local processes)"),
    };

    private static string FromTarget(string target) =>
        target.EndsWith(".SlurmLauncher", StringComparison.Ordinal) ? "slurm"
        : target.EndsWith(".LocalLauncher", StringComparison.Ordinal) || target.EndsWith(".BasicLauncher", StringComparison.Ordinal) || target.EndsWith(".JoblibLauncher", StringComparison.Ordinal) ? "local"
        : throw new ConfigException($"hydra.launcher._target_: '{target}' is not supported; allowed: Hydra's submitit SlurmLauncher or LocalLauncher, BasicLauncher, JoblibLauncher");
}
