namespace Wnn.Experiments.Config.Composition;

/// <summary>An ordered list of nodes (a YAML sequence, OmegaConf's ListConfig).</summary>
public sealed class ConfigSequence : ConfigNode
{
    private readonly List<ConfigNode> _items;

    /// <summary>Creates an empty sequence.</summary>
    public ConfigSequence() => _items = [];

    /// <summary>Creates a sequence of the given nodes (not copied).</summary>
    public ConfigSequence(IEnumerable<ConfigNode> items) => _items = [.. items];

    /// <summary>The items in order.</summary>
    public IReadOnlyList<ConfigNode> Items => _items;

    /// <summary>The number of items.</summary>
    public int Count => _items.Count;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public ConfigNode this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    /// <summary>Appends a node.</summary>
    public void Add(ConfigNode item) => _items.Add(item);

    /// <summary>Removes the item at <paramref name="index"/>.</summary>
    public void RemoveAt(int index) => _items.RemoveAt(index);

    /// <inheritdoc />
    public override ConfigNode Clone() => new ConfigSequence(_items.Select(i => i.Clone()));

    /// <inheritdoc />
    public override object? ToPlainObject() => _items.Select(i => i.ToPlainObject()).ToList();
}
