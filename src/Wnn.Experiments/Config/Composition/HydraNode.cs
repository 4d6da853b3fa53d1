namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// The <c>hydra</c> node every composed config starts from: the subset of Hydra 1.3's own config that sweeps use, with
/// Hydra's defaults (<c>hydra/output/default.yaml</c>, the basic sweeper), and the run variables set after composition.
/// </summary>
internal static class HydraNode
{
    public const string Key = "hydra";

    /// <summary>Hydra's own <c>hydra.sweep.dir</c> (what a config that sets none gets).</summary>
    public const string DefaultSweepDir = "multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}";

    private const string Defaults = $$"""
        hydra:
          mode: null
          run:
            dir: outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}
          sweep:
            dir: {{DefaultSweepDir}}
            subdir: ${hydra.job.num}
          sweeper:
            params: null
          overrides:
            hydra: []
            task: []
          job:
            name: ???
            chdir: null
            override_dirname: ???
            id: ???
            num: ???
            config_name: ???
            config:
              override_dirname:
                kv_sep: '='
                item_sep: ','
                exclude_keys: []
          runtime:
            choices: {}
        """;

    private static readonly ConfigMapping Parsed = (ConfigMapping)ConfigYaml.Parse(Defaults, "(hydra defaults)");

    public static ConfigMapping CreateBase() => (ConfigMapping)Parsed.Clone();

    /// <summary>Sets what Hydra fills in after applying the overrides: choices, the override lists, job fields.</summary>
    public static void SetRuntime(
        ConfigMapping config,
        string? configName,
        IReadOnlyList<ConfigOverride> overrides,
        IEnumerable<KeyValuePair<string, string?>> choices,
        ConfigCompositionContext context)
    {
        ConfigMapping hydra = Mapping(config, Key, Key);
        ConfigMapping job = Mapping(hydra, "job", "hydra.job");
        ConfigMapping runtime = Mapping(hydra, "runtime", "hydra.runtime");
        ConfigMapping choiceMap = Mapping(runtime, "choices", "hydra.runtime.choices");
        foreach (var (key, value) in choices)
        {
            choiceMap[key] = new ConfigScalar(value);
        }

        var task = overrides.Where(o => !IsHydraOverride(o)).ToList();
        ConfigMapping overridesNode = Mapping(hydra, "overrides", "hydra.overrides");
        overridesNode["hydra"] = new ConfigSequence(overrides.Where(IsHydraOverride).Select(o => (ConfigNode)new ConfigScalar(o.InputText)));
        overridesNode["task"] = new ConfigSequence(task.Select(o => (ConfigNode)new ConfigScalar(o.InputText)));
        if (!job.TryGetValue("name", out ConfigNode? name) || name is ConfigScalar { IsMissing: true })
        {
            job["name"] = new ConfigScalar(context.JobName ?? configName ?? "wnn");
        }

        if (context.JobNum is int num)
        {
            job["num"] = new ConfigScalar((long)num);
        }

        if ((context.JobId ?? context.JobNum?.ToString(System.Globalization.CultureInfo.InvariantCulture)) is string id)
        {
            job["id"] = new ConfigScalar(id);
        }

        job["config_name"] = new ConfigScalar(configName);
        job["override_dirname"] = new ConfigScalar(OverrideDirname(task, job));
    }

    // The node at parent[key] as a mapping, created if absent; a config that put something else there is an error.
    private static ConfigMapping Mapping(ConfigMapping parent, string key, string path)
    {
        if (!parent.TryGetValue(key, out ConfigNode? node))
        {
            var created = new ConfigMapping();
            parent[key] = created;
            return created;
        }

        return node as ConfigMapping ?? throw new ConfigCompositionException($"'{path}' must be a mapping (Hydra's run variables live there)");
    }

    private static bool IsHydraOverride(ConfigOverride o) => o.Key == Key || o.Key.StartsWith(Key + ".", StringComparison.Ordinal) || o.Key.StartsWith(Key + "/", StringComparison.Ordinal);

    // Hydra: the task overrides as written, minus the excluded keys, sorted, joined by item_sep, '=' replaced by kv_sep.
    private static string OverrideDirname(List<ConfigOverride> task, ConfigMapping job)
    {
        string kvSep = "=", itemSep = ",";
        var exclude = new HashSet<string>(StringComparer.Ordinal);
        if (ConfigEdit.Select(job, "config.override_dirname") is ConfigMapping settings)
        {
            kvSep = settings.TryGetValue("kv_sep", out ConfigNode? k) && k is ConfigScalar { Value: string ks } ? ks : kvSep;
            itemSep = settings.TryGetValue("item_sep", out ConfigNode? s) && s is ConfigScalar { Value: string ss } ? ss : itemSep;
            if (settings.TryGetValue("exclude_keys", out ConfigNode? e) && e is ConfigSequence keys)
            {
                exclude.UnionWith(keys.Items.OfType<ConfigScalar>().Select(x => PythonText.Str(x.Value)));
            }
        }

        var lines = task.Where(o => !exclude.Contains(o.Key)).Select(o => o.InputText).Order(StringComparer.Ordinal).ToList();
        return string.Join(itemSep, lines).Replace("=", kvSep, StringComparison.Ordinal);
    }
}
