namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// Composes a config as Hydra 1.3 does: builds the defaults list of the primary config (groups, packages,
/// <c>_self_</c>, <c>override</c>, <c>optional</c>, command-line group selections), merges the configs in that order
/// (OmegaConf: mappings merge, lists and scalars replace), then applies the value overrides in struct mode and sets
/// the run variables under <c>hydra</c>.
/// </summary>
public sealed class ConfigComposer
{
    private readonly ConfigRepository? _repository;

    /// <summary>A composer over a config directory, or over none (only overrides, like Hydra without a config path).</summary>
    public ConfigComposer(ConfigRepository? repository) => _repository = repository;

    /// <summary>Composes <paramref name="configName"/> (null: an empty primary config) with the overrides.</summary>
    /// <exception cref="ConfigCompositionException">Unknown config or group option, a bad defaults list, an override of
    /// a key that does not exist (use <c>+key</c>), a failed delete.</exception>
    public ComposedConfig Compose(string? configName, IReadOnlyList<ConfigOverride> overrides, ConfigCompositionContext context)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(context);
        if (_repository is null && configName is not null)
        {
            throw new ConfigCompositionException($"config '{configName}' needs a config directory (--config-dir)");
        }

        if (configName is not null && configName.EndsWith(".yaml", StringComparison.Ordinal))
        {
            configName = configName[..^".yaml".Length];
        }

        ConfigRepository repository = _repository ?? ConfigRepository.Empty;
        var groupOverrides = new DefaultsOverrides(repository, overrides);
        List<ResultDefault> defaults = new DefaultsTreeBuilder(repository, groupOverrides).Build(configName);

        ConfigMapping config = HydraNode.CreateBase();
        foreach (ResultDefault d in defaults)
        {
            ConfigFile file = repository.Load(d.ConfigPath)!;
            if (file.Body is not ConfigMapping body)
            {
                throw new ConfigCompositionException($"{file.FilePath}: a config must be a mapping of keys to values, not a {(file.Body is ConfigSequence ? "list" : "scalar")}");
            }

            ConfigEdit.Merge(config, Embed(body, d.Package), strict: false, "");
        }

        foreach (ConfigOverride o in groupOverrides.ValueOverrides)
        {
            Apply(config, o);
        }

        HydraNode.SetRuntime(config, configName, overrides, groupOverrides.KnownChoices, context);
        return new ComposedConfig(config, context, [.. defaults.Select(d => (d.ConfigPath, d.Package))], groupOverrides.KnownChoices);
    }

    private static ConfigMapping Embed(ConfigMapping body, string package)
    {
        if (package.Length == 0)
        {
            return body;
        }

        ConfigNode node = body;
        foreach (string key in ConfigEdit.Split(package).Reverse())
        {
            node = ConfigMapping.FromPairs([(key, node)]);
        }

        return (ConfigMapping)node;
    }

    /// <summary>One value override on the composed config, in struct mode (as Hydra's config loader applies it).</summary>
    private static void Apply(ConfigMapping config, ConfigOverride o)
    {
        string text = o.InputText;
        if (o.Package is not null)
        {
            throw new ConfigCompositionException($"Override {text} looks like a config group override, but config group '{o.Key}' does not exist.");
        }

        string key = o.Key;
        ConfigNode? current = ConfigEdit.Select(config, key);
        try
        {
            switch (o.Operation)
            {
                case ConfigOverrideOperation.Delete:
                    // As OmegaConf.select: a null or ??? value counts as absent.
                    if (current is null or ConfigScalar { Value: null } or ConfigScalar { IsMissing: true })
                    {
                        throw new ConfigCompositionException($"Could not delete from config. '{key}' does not exist.");
                    }

                    if (o.Value is not null && !ConfigEdit.SameValue(current, o.Value))
                    {
                        throw new ConfigCompositionException(
                            $"Could not delete from config. The value of '{key}' is {Show(current)} and not {Show(ConfigNode.FromPlainObject(o.Value))}.");
                    }

                    ConfigEdit.Delete(config, key);
                    break;
                case ConfigOverrideOperation.Add:
                    if (current is not (null or ConfigScalar { Value: null } or ConfigScalar { IsMissing: true }) && o.Value is (string or not System.Collections.IEnumerable))
                    {
                        throw new ConfigCompositionException(
                            $"Could not append to config. An item is already at '{key}'. Either remove + prefix: '{text[1..]}' Or add a second + to add or override '{key}': '+{text}'");
                    }

                    ConfigEdit.Update(config, key, ConfigNode.FromPlainObject(o.Value), forceAdd: true);
                    break;
                case ConfigOverrideOperation.ForceAdd:
                    ConfigEdit.Update(config, key, ConfigNode.FromPlainObject(o.Value), forceAdd: true);
                    break;
                default:
                    ConfigEdit.Update(config, key, ConfigNode.FromPlainObject(o.Value), forceAdd: false);
                    break;
            }
        }
        catch (ConfigEdit.StructViolation ex)
        {
            throw new ConfigCompositionException($"Could not override '{key}': key '{ex.Key}' is not in the config. To append to your config use +{text}", ex);
        }
    }

    private static string Show(ConfigNode node) => node is ConfigScalar s ? PythonText.Str(s.Value) : ConfigYaml.Write(node).Trim().ReplaceLineEndings(" ");
}
