namespace Wnn.Experiments.Config.Composition;

/// <summary>A node of a config tree: a <see cref="ConfigMapping"/>, a <see cref="ConfigSequence"/> or a <see cref="ConfigScalar"/>.</summary>
public abstract class ConfigNode
{
    private protected ConfigNode()
    {
    }

    /// <summary>A deep copy: changing the copy never changes this node.</summary>
    public abstract ConfigNode Clone();

    /// <summary>The tree as plain objects: <c>Dictionary&lt;string, object?&gt;</c> (in key order), <c>List&lt;object?&gt;</c>, string, long, double, bool or null.</summary>
    public abstract object? ToPlainObject();

    /// <summary>Builds a tree from plain objects (the types <see cref="ToPlainObject"/> returns; int and float are widened).</summary>
    /// <exception cref="ConfigCompositionException">A value of another type.</exception>
    public static ConfigNode FromPlainObject(object? value) => value switch
    {
        null => ConfigScalar.Null,
        ConfigNode node => node.Clone(),
        string or bool or long or double => new ConfigScalar(value),
        int i => new ConfigScalar((long)i),
        float f => new ConfigScalar((double)f),
        IEnumerable<KeyValuePair<string, object?>> map => ConfigMapping.FromPairs(map.Select(p => (p.Key, FromPlainObject(p.Value)))),
        System.Collections.IEnumerable list => new ConfigSequence(list.Cast<object?>().Select(FromPlainObject)),
        _ => throw new ConfigCompositionException($"a config value must be a string, number, bool, null, list or mapping, not {value.GetType().Name}"),
    };
}
