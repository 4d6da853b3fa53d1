using System.Diagnostics.CodeAnalysis;

namespace Wnn.Experiments.Config.Composition;

/// <summary>A mapping from string keys to nodes that keeps insertion order (a YAML mapping, OmegaConf's DictConfig).</summary>
public sealed class ConfigMapping : ConfigNode
{
    private readonly OrderedDictionary<string, ConfigNode> _entries = new(StringComparer.Ordinal);

    /// <summary>The number of keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The keys in order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>The entries in order.</summary>
    public IEnumerable<KeyValuePair<string, ConfigNode>> Entries => _entries;

    /// <summary>Gets a value, or sets one: an existing key keeps its place, a new key goes last.</summary>
    public ConfigNode this[string key]
    {
        get => _entries[key];
        set => _entries[key] = value;
    }

    /// <summary>Builds a mapping from pairs in order; a repeated key keeps its first place and its last value.</summary>
    public static ConfigMapping FromPairs(IEnumerable<(string Key, ConfigNode Value)> pairs)
    {
        var map = new ConfigMapping();
        foreach (var (key, value) in pairs)
        {
            map[key] = value;
        }

        return map;
    }

    /// <summary>True if the key is present.</summary>
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ConfigNode value) => _entries.TryGetValue(key, out value);

    /// <summary>Removes a key; false if it was absent.</summary>
    public bool Remove(string key) => _entries.Remove(key);

    /// <inheritdoc />
    public override ConfigNode Clone() => FromPairs(_entries.Select(e => (e.Key, e.Value.Clone())));

    /// <inheritdoc />
    public override object? ToPlainObject()
    {
        var result = new Dictionary<string, object?>(_entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in _entries)
        {
            result[key] = value.ToPlainObject();
        }

        return result;
    }
}
