namespace Wnn.Experiments.Config.Composition;

/// <summary>The group overrides of one composition (command line and <c>override</c> entries), the deletions, the
/// appended groups and the choices made so far, following Hydra 1.3's rules.</summary>
internal sealed class DefaultsOverrides
{
    private readonly Dictionary<string, (object? Value, bool External, string? ContainingConfig, string? RelativeKey, string? Text)> _choices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Name, bool Used)> _deletions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _keysPerGroup = new(StringComparer.Ordinal);

    private readonly ConfigRepository _repository;

    public DefaultsOverrides(ConfigRepository repository, IEnumerable<ConfigOverride> overrides)
    {
        _repository = repository;
        foreach (ConfigOverride o in overrides)
        {
            if (!IsGroupOverride(repository, o))
            {
                ValueOverrides.Add(o);
                continue;
            }

            string key = o.KeyWithPackage;
            switch (o.Operation)
            {
                case ConfigOverrideOperation.ForceAdd:
                    throw new ConfigCompositionException($"force-add of config groups is not supported: '{o.InputText}' (use +{o.InputText[2..]} or {o.InputText[2..]})");
                case ConfigOverrideOperation.Delete:
                    if (o.Value is not (null or string))
                    {
                        throw new ConfigCompositionException($"'{o.InputText}': deleting a group takes no value or one option name");
                    }

                    _deletions[key] = ((string?)o.Value, false);
                    break;
                case ConfigOverrideOperation.Add:
                    AppendedGroups.Add(new GroupDefault(o.Key, OptionValue(o), o.Package) { ExternalAppend = true });
                    break;
                default:
                    _choices[key] = (OptionValue(o), true, null, null, o.InputText);
                    break;
            }
        }
    }

    /// <summary>The overrides of values (<c>key=value</c>), applied to the composed config.</summary>
    public List<ConfigOverride> ValueOverrides { get; } = [];

    /// <summary>Groups added with <c>+group=option</c>, appended to the primary config's defaults list.</summary>
    public List<GroupDefault> AppendedGroups { get; } = [];

    /// <summary>The option chosen for each group key, in the order they became known (<c>hydra.runtime.choices</c>).</summary>
    public OrderedDictionary<string, string?> KnownChoices { get; } = new(StringComparer.Ordinal);

    public static bool IsGroupOverride(ConfigRepository repository, ConfigOverride o) => o.Kind switch
    {
        ConfigOverrideKind.GroupSelection => repository.GroupExists(o.Key)
            ? true
            : throw new ConfigCompositionException($"override '{o.InputText}': '{o.Key}' is not a config group; groups: {Describe(AllGroups(repository))}"),
        ConfigOverrideKind.Value => false,
        _ => repository.GroupExists(o.Key) && o.Value is not IEnumerable<KeyValuePair<string, object?>>,
    };

    /// <summary>Registers an <c>override</c> entry of a defaults list; the first registered for a key wins (the tree is
    /// walked last entry first, and command-line overrides are registered before the walk).</summary>
    public void AddOverride(string containingConfig, GroupDefault d)
    {
        string key = d.OverrideKey;
        if (!_choices.ContainsKey(key))
        {
            _choices[key] = (d.Value, false, containingConfig, d.RelativeOverrideKey, null);
        }
    }

    public bool IsOverridden(DefaultsElement d) => d is GroupDefault && _choices.ContainsKey(d.OverrideKey);

    public void ApplyOverride(GroupDefault d)
    {
        string key = d.OverrideKey;
        if (_choices.TryGetValue(key, out var choice))
        {
            d.Value = choice.Value;
            _used.Add(key);
        }
    }

    public void SetKnownChoice(DefaultsElement d)
    {
        if (d is not GroupDefault g)
        {
            return;
        }

        string key = g.OverrideKey;
        if (!KnownChoices.TryGetValue(key, out string? previous))
        {
            KnownChoices[key] = g.Name;
        }
        else if (g.Name != previous)
        {
            throw new ConfigCompositionException($"Multiple values for {key}. To override a value use 'override {key}: {previous}'");
        }

        string group = g.GroupPath;
        if (!_keysPerGroup.TryGetValue(group, out HashSet<string>? keys))
        {
            _keysPerGroup[group] = keys = new HashSet<string>(StringComparer.Ordinal);
        }

        keys.Add(key);
    }

    public bool IsDeleted(DefaultsElement d) =>
        d is GroupDefault g && _deletions.TryGetValue(g.OverrideKey, out var deletion) && (deletion.Name is null || deletion.Name == g.Name);

    public void Delete(DefaultsElement d)
    {
        d.Deleted = true;
        string key = d.OverrideKey;
        _deletions[key] = (_deletions[key].Name, true);
    }

    public void EnsureOverridesUsed()
    {
        foreach (var (key, choice) in _choices)
        {
            if (_used.Contains(key))
            {
                continue;
            }

            string group = key.Split('@')[0];
            var candidates = _keysPerGroup.TryGetValue(group, out HashSet<string>? keys) ? keys.Order(StringComparer.Ordinal).ToList() : [];
            string message = candidates.Count switch
            {
                0 => $"Could not override '{key}'. No match in the defaults list.",
                1 => $"Could not override '{key}'. Did you mean to override {candidates[0]}?",
                _ => $"Could not override '{key}'. Did you mean to override one of {string.Join(", ", candidates)}?",
            };
            if (choice.ContainingConfig is not null)
            {
                message = $"In '{choice.ContainingConfig}': {message}";
            }

            if (choice.External)
            {
                message += $" To append to your defaults list use +{choice.Text ?? key + "=" + choice.Value}";
                IReadOnlyList<string> options = _repository.GetOptions(group);
                if (options.Count > 0)
                {
                    message += $" (options of '{group}': {string.Join(", ", options)})";
                }
            }

            throw new ConfigCompositionException(message);
        }
    }

    public void EnsureDeletionsUsed()
    {
        foreach (var (key, deletion) in _deletions)
        {
            if (!deletion.Used)
            {
                string what = deletion.Name is null ? key : key + "=" + deletion.Name;
                throw new ConfigCompositionException($"Could not delete '{what}'. No match in the defaults list");
            }
        }
    }

    internal static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);

    private static List<string> AllGroups(ConfigRepository repository)
    {
        var all = new List<string>();
        var pending = new Queue<string>([""]);
        while (pending.Count > 0)
        {
            foreach (string g in repository.GetGroups(pending.Dequeue()))
            {
                all.Add(g);
                pending.Enqueue(g);
            }
        }

        return all;
    }

    private object OptionValue(ConfigOverride o) => o.Value switch
    {
        string s => s,
        IEnumerable<object?> list when list.All(i => i is string) => list.Cast<string>().ToList(),
        _ => throw new ConfigCompositionException(
            $"override '{o.InputText}': a group selection takes an option name or a list of names; options of '{o.Key}': {Describe(_repository.GetOptions(o.Key))}"),
    };

}
