namespace Wnn.Experiments.Config.Composition;

/// <summary>A node of the defaults tree: an entry and, once its config is loaded, the entries of its defaults list.</summary>
internal sealed class DefaultsTreeNode(DefaultsElement element, DefaultsTreeNode? parent)
{
    public DefaultsElement Element { get; } = element;

    public DefaultsTreeNode? Parent { get; } = parent;

    public List<DefaultsTreeNode>? Children { get; set; }
}

/// <summary>One config of the final defaults list: what to load and where its content goes.</summary>
/// <param name="ConfigPath">The config, e.g. <c>server/db/mysql</c> (the primary config by its name).</param>
/// <param name="Package">Where its content is placed ("" = the root).</param>
/// <param name="Parent">The config whose defaults list named it (null for the primary config).</param>
/// <param name="IsSelf">True for a config's own content (<c>_self_</c>).</param>
/// <param name="Primary">True for the primary config.</param>
/// <param name="OverrideKey">The key that selects it from the command line (group entries only).</param>
internal sealed record ResultDefault(string ConfigPath, string Package, string? Parent, bool IsSelf, bool Primary, string? OverrideKey);

/// <summary>
/// Builds the defaults tree and the final defaults list as Hydra 1.3 does: each config's defaults list is walked last
/// entry first, so that an experiment selected late can <c>override</c> a group chosen earlier; <c>_self_</c> is added
/// last when a config does not place it; interpolated options (<c>${db}_${server}</c>) are resolved once the other
/// choices are known.
/// </summary>
internal sealed class DefaultsTreeBuilder(ConfigRepository repository, DefaultsOverrides overrides)
{
    public const string EmptyPrimary = "_dummy_empty_config_";

    public List<ResultDefault> Build(string? configName)
    {
        var primary = new ConfigDefault(configName ?? EmptyPrimary) { Primary = true };
        var root = new DefaultsTreeNode(primary, null);
        Expand(root, isRoot: true, interpolatedSubtree: false);
        var result = new List<ResultDefault>();
        Collect(root, result);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (ResultDefault r in result)
        {
            if (!r.IsSelf && r.OverrideKey is not null && !keys.Add(r.OverrideKey))
            {
                throw new ConfigCompositionException($"{r.OverrideKey} appears more than once in the final defaults list");
            }
        }

        overrides.EnsureOverridesUsed();
        overrides.EnsureDeletionsUsed();
        return result;
    }

    private ConfigFile? Load(DefaultsElement e) => e.ConfigPath == EmptyPrimary ? null : repository.Load(e.ConfigPath);

    private DefaultsTreeNode Expand(DefaultsTreeNode node, bool isRoot, bool interpolatedSubtree)
    {
        DefaultsElement parent = node.Element;
        if (isRoot)
        {
            parent.UpdateParent("", "");
            if (parent.ConfigPath != EmptyPrimary && !repository.ConfigExists(parent.ConfigPath))
            {
                throw new ConfigCompositionException(
                    $"Cannot find primary config '{parent.ConfigPath}' in '{repository.Directory}'; configs there: {DefaultsOverrides.Describe(repository.GetOptions(""))}");
            }
        }

        if (!parent.IsMissing && parent.Name is not null)
        {
            parent.SetPackageHeader(Load(parent)?.PackageHeader);
        }

        if (overrides.IsDeleted(parent))
        {
            overrides.Delete(parent);
            return node;
        }

        overrides.SetKnownChoice(parent);
        if (parent.Name is null)
        {
            return node;
        }

        if (parent.IsMissing)
        {
            string key = parent.OverrideKey;
            throw new ConfigCompositionException(
                $"You must specify '{key}', e.g. {key}=<OPTION>; available options: {DefaultsOverrides.Describe(repository.GetOptions(parent.GroupPath))}");
        }

        ConfigFile? loaded = Load(parent);
        if (loaded is null && parent.ConfigPath != EmptyPrimary)
        {
            if (parent.Optional)
            {
                parent.Deleted = true;
                return node;
            }

            throw NotFound(node);
        }

        List<DefaultsElement> defaults = loaded is null ? [] : ParseDefaults(loaded);
        bool isPrimaryWithAppends = isRoot && overrides.AppendedGroups.Count > 0;
        if (defaults.Count > 0 || isPrimaryWithAppends)
        {
            AddSelfIfMissing(parent, defaults);
        }

        if (isRoot)
        {
            defaults.AddRange(overrides.AppendedGroups);
        }

        RegisterOverrides(defaults, parent, interpolatedSubtree);
        var children = new List<DefaultsTreeNode>();
        for (int i = defaults.Count - 1; i >= 0; i--)
        {
            DefaultsElement d = defaults[i];
            if (d.IsSelf)
            {
                children.Add(new DefaultsTreeNode(d, node));
                continue;
            }

            if (d.IsOverride)
            {
                continue;
            }

            d.UpdateParent(parent.GroupPath, parent.FinalPackage());
            if (overrides.IsOverridden(d))
            {
                overrides.ApplyOverride((GroupDefault)d);
            }

            if (d is GroupDefault { IsOptions: true } g)
            {
                for (int j = g.Options.Count - 1; j >= 0; j--)
                {
                    string item = g.Options[j];
                    if (item.Contains("${", StringComparison.Ordinal))
                    {
                        throw new ConfigCompositionException($"In '{parent.ConfigPath}': Defaults List interpolation is not supported in options list items");
                    }

                    var option = new ConfigDefault(g.Group + "/" + item, g.Package) { Optional = g.Optional };
                    option.UpdateParent(g.IsExternalAppend ? "" : parent.GroupPath, g.IsExternalAppend ? "" : parent.FinalPackage());
                    children.Add(Expand(new DefaultsTreeNode(option, node), isRoot: false, interpolatedSubtree));
                }
            }
            else if (d.IsInterpolation)
            {
                children.Add(new DefaultsTreeNode(d, node));
            }
            else
            {
                children.Add(Expand(new DefaultsTreeNode(d, node), isRoot: false, interpolatedSubtree));
            }
        }

        // Interpolated options see every choice made in the rest of the tree.
        for (int i = 0; i < children.Count; i++)
        {
            DefaultsElement d = children[i].Element;
            if (children[i].Children is null && d.IsInterpolation && !d.IsSelf)
            {
                ResolveInterpolation(d, parent);
                d.UpdateParent(parent.GroupPath, parent.FinalPackage());
                children[i] = Expand(new DefaultsTreeNode(d, node), isRoot: false, interpolatedSubtree: true);
            }
        }

        if (children.Count > 0)
        {
            children.Reverse();
            node.Children = children;
        }

        return node;
    }

    private void ResolveInterpolation(DefaultsElement d, DefaultsElement parent)
    {
        string Resolve(string text) => DefaultsInterpolation.Resolve(text, overrides.KnownChoices, parent.ConfigPath);
        switch (d)
        {
            case GroupDefault g:
                g.Value = Resolve((string)g.Value!);
                break;
            case ConfigDefault c:
                c.ResolveInterpolation(Resolve);
                break;
        }
    }

    private static void AddSelfIfMissing(DefaultsElement parent, List<DefaultsElement> defaults)
    {
        int selves = defaults.Count(d => d.IsSelf);
        if (selves > 1)
        {
            throw new ConfigCompositionException($"Duplicate _self_ defined in {parent.ConfigPath}");
        }

        bool hasNonOverride = defaults.Any(d => !d.IsOverride);
        if ((selves == 0 && hasNonOverride) || defaults.Count == 0)
        {
            defaults.Add(new ConfigDefault(ConfigDefault.Self));
        }
    }

    private void RegisterOverrides(List<DefaultsElement> defaults, DefaultsElement parent, bool interpolatedSubtree)
    {
        GroupDefault? lastOverride = null;
        foreach (DefaultsElement d in defaults)
        {
            if (d.IsSelf)
            {
                continue;
            }

            d.UpdateParent(parent.GroupPath, parent.FinalPackage());
            if (lastOverride is not null && !(d.IsOverride || d.IsExternalAppend))
            {
                throw new ConfigCompositionException(
                    $"In {parent.ConfigPath}: Override '{lastOverride.OverrideKey} : {lastOverride.Name}' is defined before '{d.OverrideKey}: {d.Name}'. Overrides must be at the end of the defaults list");
            }

            if (d is GroupDefault { Override: true } g)
            {
                lastOverride = g;
                if (interpolatedSubtree)
                {
                    throw new ConfigCompositionException(
                        $"{parent.ConfigPath}: Default List Overrides are not allowed in the subtree of an interpolated config group (override {g.OverrideKey}={g.Name})");
                }

                overrides.AddOverride(parent.ConfigPath, g);
            }
        }
    }

    private ConfigCompositionException NotFound(DefaultsTreeNode node)
    {
        DefaultsElement e = node.Element;
        string message = $"Could not find '{e.ConfigPath}'";
        if (e is GroupDefault)
        {
            message += $"; available options in '{e.GroupPath}': {DefaultsOverrides.Describe(repository.GetOptions(e.GroupPath))}";
        }

        if (node.Parent is not null)
        {
            message = $"In '{node.Parent.Element.ConfigPath}': {message}";
        }

        return new ConfigCompositionException(message);
    }

    private static List<DefaultsElement> ParseDefaults(ConfigFile file)
    {
        var result = new List<DefaultsElement>();
        if (file.Defaults is null)
        {
            return result;
        }

        foreach (ConfigNode item in file.Defaults.Items)
        {
            result.Add(item switch
            {
                ConfigScalar { Value: string s } => ParseConfigEntry(s, file),
                ConfigMapping map => ParseGroupEntry(map, file),
                _ => throw new ConfigCompositionException($"{file.FilePath}: unsupported defaults list entry '{ConfigYaml.Write(item).Trim()}' (expected 'group: option' or a config path)"),
            });
        }

        return result;
    }

    private static ConfigDefault ParseConfigEntry(string text, ConfigFile file)
    {
        (string path, string? package) = SplitPackage(text.Trim());
        CheckPath(path, file);
        return new ConfigDefault(path, package);
    }

    private static GroupDefault ParseGroupEntry(ConfigMapping map, ConfigFile file)
    {
        if (map.Count != 1)
        {
            throw new ConfigCompositionException($"{file.FilePath}: a defaults list entry must have exactly one key, got {map.Count} ({string.Join(", ", map.Keys)})");
        }

        var (key, valueNode) = map.Entries.First();
        string[] words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw new ConfigCompositionException($"{file.FilePath}: a defaults list entry has an empty group name");
        }

        bool optional = false, isOverride = false;
        foreach (string keyword in words[..^1])
        {
            switch (keyword)
            {
                case "optional":
                    optional = true;
                    break;
                case "override":
                    isOverride = true;
                    break;
                default:
                    throw new ConfigCompositionException($"{file.FilePath}: unknown keyword '{keyword}' in defaults list entry '{key}' (allowed: optional, override)");
            }
        }

        (string group, string? package) = SplitPackage(words[^1]);
        CheckPath(group, file);
        object? value = valueNode switch
        {
            ConfigScalar { Value: null } => null,
            ConfigScalar { Value: string s } => s,
            ConfigSequence seq when seq.Items.All(i => i is ConfigScalar { Value: string }) =>
                seq.Items.Select(i => (string)((ConfigScalar)i).Value!).ToList(),
            _ => throw new ConfigCompositionException($"{file.FilePath}: defaults list entry '{key}': the option must be a name, a list of names or null"),
        };
        if (value is string option)
        {
            CheckPath(option, file);
        }

        return new GroupDefault(group, value, package) { Optional = optional, Override = isOverride };
    }

    private static (string Path, string? Package) SplitPackage(string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (text, null) : (text[..at], text[(at + 1)..]);
    }

    private static void CheckPath(string path, ConfigFile file)
    {
        if (path.Contains('\\', StringComparison.Ordinal) || path.Split('/').Contains(".."))
        {
            throw new ConfigCompositionException($"{file.FilePath}: '{path}': defaults list paths use '/' and may not contain '..'");
        }
    }

    private static void Collect(DefaultsTreeNode tree, List<ResultDefault> output)
    {
        if (tree.Children is null || tree.Children.Count == 0)
        {
            Emit(tree.Parent, tree.Element, output);
            return;
        }

        foreach (DefaultsTreeNode child in tree.Children)
        {
            if (child.Children is null)
            {
                Emit(tree, child.Element, output);
            }
            else
            {
                Collect(child, output);
            }
        }
    }

    private static void Emit(DefaultsTreeNode? tree, DefaultsElement e, List<ResultDefault> output)
    {
        if (e.Deleted || e.IsMissing || e.Name is null)
        {
            return;
        }

        ResultDefault result;
        if (e.IsSelf)
        {
            DefaultsElement owner = tree!.Element;
            result = new ResultDefault(owner.ConfigPath, owner.FinalPackage(), tree.Parent?.Element.ConfigPath, true, owner.Primary, null);
        }
        else
        {
            result = new ResultDefault(e.ConfigPath, e.FinalPackage(), tree?.Element.ConfigPath, false, e.Primary, e is GroupDefault ? e.OverrideKey : null);
        }

        if (result.ConfigPath != EmptyPrimary)
        {
            output.Add(result);
        }
    }
}
