using System.Globalization;

namespace Wnn.Experiments.Config;

/// <summary>
/// The configuration a resumed run uses: the checkpoint's, with the explicitly given values of keys that are safe to
/// change on resume (<see cref="ConfigKey.AffectsResults"/> false: <see cref="ResumeRule.Budget"/> and <see cref="ResumeRule.Safe"/>) applied. An explicit value that differs from the
/// checkpoint for a key that changes results is refused, every such key named.
/// </summary>
public static class ResumeIdentity
{
    /// <summary>
    /// Resolves the configuration of a resumed run.
    /// </summary>
    /// <param name="checkpointConfig">The checkpoint's recorded configuration (snake_case key → text).</param>
    /// <param name="checkpointSeed">The seed the checkpointed run used (replaces a null rotation_seed).</param>
    /// <param name="requested">The configuration asked for now (defaults, YAML, flags).</param>
    /// <param name="explicitKeys">Canonical names of keys the user gave (YAML or flags); null = every key (a flow's stored config).</param>
    /// <param name="phase">The phase resumed from, for the message.</param>
    /// <param name="fixedPhases">
    /// How many phases of the list the checkpoint has run (or started): those must be the same phases with the same
    /// settings; the later ones of <c>search.phases</c> may change (default: the whole list must match).
    /// </param>
    /// <exception cref="ConfigException">Explicit values differ from the checkpoint for keys that change results.</exception>
    public static ResumedConfig Resolve(
        IReadOnlyDictionary<string, string?> checkpointConfig, ulong checkpointSeed, PhasedConfig requested,
        IReadOnlySet<string>? explicitKeys, string phase, int fixedPhases = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(checkpointConfig);
        ArgumentNullException.ThrowIfNull(requested);
        // Callers may name keys by alias (ts_iterations) or dotted name (ts.iterations): compare canonical names.
        explicitKeys = explicitKeys?.Select(k => PhasedConfig.FindKey(k)?.Name ?? k).ToHashSet(StringComparer.Ordinal);
        PhasedConfig recorded = Recorded(checkpointConfig, requested) with { RotationSeed = checkpointSeed };
        var conflicts = new List<string>();
        var applied = new List<string>();
        PhasedConfig config = recorded;
        foreach (ConfigKey key in PhasedConfig.Keys)
        {
            bool given = explicitKeys is null || explicitKeys.Contains(key.Name);
            // A flow's config with rotation_seed null means "time-based", which a resume keeps as the checkpoint's seed.
            if (!given || (explicitKeys is null && key.Name == ConfigKeys.Seed.Name && requested.RotationSeed is null))
            {
                continue;
            }

            object? was = key.Get(recorded);
            object? now = key.Get(requested);
            if (Equals(was, now))
            {
                continue;
            }

            if (key.Name == ConfigKeys.Phases.Name)
            {
                if (PhaseListConflict(recorded, requested, fixedPhases) is { } conflict)
                {
                    conflicts.Add(conflict);
                }
                else
                {
                    config = key.SetValue(config, now);
                    applied.Add($"{key.Name}: phases after the first {Math.Min(fixedPhases, Phased.PhasePlan.Of(recorded).Count)} -> '{Show(key, requested)}'");
                }

                continue;
            }

            if (key.AffectsResults)
            {
                conflicts.Add($"{key.Name} (checkpoint {Show(key, recorded)}, given {Show(key, requested)})");
            }
            else
            {
                config = key.Set(config, Show(key, requested));
                applied.Add($"{key.Name} {Show(key, recorded)} -> {Show(key, requested)}");
            }
        }

        if (conflicts.Count > 0)
        {
            throw new ConfigException(
                $"resume from {phase}: {string.Join(", ", conflicts)} differ from the checkpoint's configuration and change results; "
                + "drop them to resume with the checkpoint's values, or start a new run in another checkpoint directory");
        }

        return new ResumedConfig(config.Validated(), applied);
    }

    /// <summary>Canonical names of the keys set in a YAML config file (aliases and nested groups resolved); empty when there is no file.</summary>
    /// <exception cref="ConfigException">The file cannot be read or parsed.</exception>
    public static IReadOnlySet<string> KeysInYaml(string? path)
    {
        if (path is null)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: {ex.Message}", ex);
        }

        _ = PhasedConfig.FromYaml(text, out IReadOnlySet<string> keys);
        return keys;
    }

    /// <summary>The checkpoint's configuration; keys it lacks (older files) keep the requested values.</summary>
    private static PhasedConfig Recorded(IReadOnlyDictionary<string, string?> values, PhasedConfig requested)
    {
        PhasedConfig config = requested;
        foreach (var (name, text) in values)
        {
            if (PhasedConfig.FindKey(name) is { } key)
            {
                try
                {
                    config = key.Set(config, text);
                }
                catch (ConfigException ex)
                {
                    throw new ConfigException($"the checkpoint's configuration is invalid: {ex.Message}", ex);
                }
            }
        }

        return config;
    }

    /// <summary>Null when the first <paramref name="fixedPhases"/> phases (type and settings) agree, else the conflict naming the first phase that differs.</summary>
    private static string? PhaseListConflict(PhasedConfig recorded, PhasedConfig requested, int fixedPhases)
    {
        IReadOnlyList<Phased.PhaseSpec> was = Phased.PhasePlan.Of(recorded), now = Phased.PhasePlan.Of(requested);
        int n = Math.Min(fixedPhases, Math.Max(was.Count, now.Count));
        for (int i = 0; i < n; i++)
        {
            string a = i < was.Count ? Phased.PhasePlan.Format([was[i]]) : "(none)";
            string b = i < now.Count ? Phased.PhasePlan.Format([now[i]]) : "(none)";
            if (a != b)
            {
                return $"{ConfigKeys.Phases.Name} (phase {Phased.PhasePlan.KeyAt(i)}: checkpoint '{a}', given '{b}')";
            }
        }

        return null;
    }

    private static string Show(ConfigKey key, PhasedConfig config) => key.Get(config) switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString() ?? "null",
    };
}
