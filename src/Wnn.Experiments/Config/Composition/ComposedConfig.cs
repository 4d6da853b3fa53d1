namespace Wnn.Experiments.Config.Composition;

/// <summary>The result of a composition: the config with its interpolations unresolved, the defaults list used and the
/// group choices; resolves on demand.</summary>
public sealed class ComposedConfig
{
    private readonly ConfigCompositionContext _context;

    internal ComposedConfig(ConfigMapping config, ConfigCompositionContext context, IReadOnlyList<(string ConfigPath, string Package)> defaultsList, IEnumerable<KeyValuePair<string, string?>> choices)
    {
        Config = config;
        _context = context;
        DefaultsList = defaultsList;
        Choices = choices.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
    }

    /// <summary>The composed tree, interpolations as written; includes the <c>hydra</c> node.</summary>
    public ConfigMapping Config { get; }

    /// <summary>The configs merged, in order, with the package each went to ("" = root).</summary>
    public IReadOnlyList<(string ConfigPath, string Package)> DefaultsList { get; }

    /// <summary>The option chosen per group key (<c>hydra.runtime.choices</c>); null for a group left unselected.</summary>
    public IReadOnlyDictionary<string, string?> Choices { get; }

    /// <summary>The whole tree with every interpolation resolved (a copy).</summary>
    /// <exception cref="ConfigCompositionException">A missing key, a cycle, an unset environment variable without default.</exception>
    public ConfigMapping Resolve() => (ConfigMapping)new InterpolationResolver(Config, _context).Resolve(Config, []);

    /// <summary>The node at a dotted key, resolved (interpolations elsewhere are resolved only as far as it needs).</summary>
    /// <exception cref="ConfigCompositionException">The key is absent, or resolving fails.</exception>
    public ConfigNode Resolve(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            return Resolve();
        }

        ConfigEdit.Split(key);
        return new InterpolationResolver(Config, _context).ResolveKey(key) ?? throw new ConfigCompositionException($"key '{key}' is not in the config");
    }

    /// <summary>The application's config (everything but <c>hydra</c>), resolved: what Hydra's <c>--cfg job</c> prints.</summary>
    public ConfigMapping ResolveJob()
    {
        var resolver = new InterpolationResolver(Config, _context);
        var job = new ConfigMapping();
        foreach (var (key, value) in Config.Entries)
        {
            if (key != HydraNode.Key)
            {
                job[key] = resolver.Resolve(value, [key]);
            }
        }

        return job;
    }
}
