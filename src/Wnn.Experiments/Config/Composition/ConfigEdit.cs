using System.Globalization;

namespace Wnn.Experiments.Config.Composition;

/// <summary>OmegaConf's merge, select, update and delete on config trees (in place).</summary>
internal static class ConfigEdit
{
    /// <summary>A key that struct mode does not allow to be created.</summary>
    public sealed class StructViolation(string key) : Exception("key '" + key + "' is not in the config")
    {
        public string Key { get; } = key;
    }

    /// <summary>Merges <paramref name="source"/> into <paramref name="target"/>: mappings merge key by key (existing keys
    /// keep their place, new keys go last); lists and scalars replace; a <c>???</c> in the source keeps the target's value.</summary>
    /// <exception cref="StructViolation">Strict, and the source has a key the target lacks.</exception>
    public static void Merge(ConfigMapping target, ConfigMapping source, bool strict, string path)
    {
        foreach (var (key, value) in source.Entries)
        {
            string childPath = Join(path, key);
            if (!target.TryGetValue(key, out ConfigNode? existing))
            {
                if (strict)
                {
                    throw new StructViolation(childPath);
                }

                target[key] = value.Clone();
            }
            else if (value is ConfigScalar { IsMissing: true })
            {
                continue;
            }
            else if (existing is ConfigMapping existingMap && value is ConfigMapping valueMap)
            {
                Merge(existingMap, valueMap, strict, childPath);
            }
            else
            {
                target[key] = value.Clone();
            }
        }
    }

    /// <summary>The node at a dotted key (list items by index), or null if any part is absent.</summary>
    public static ConfigNode? Select(ConfigNode root, string key)
    {
        ConfigNode? node = root;
        foreach (string segment in Split(key))
        {
            node = node switch
            {
                ConfigMapping map => map.TryGetValue(segment, out ConfigNode? child) ? child : null,
                ConfigSequence seq => TryIndex(segment, seq.Count, out int i) ? seq[i] : null,
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>OmegaConf.update(cfg, key, value, merge=True): walks the key (a missing part is created only with
    /// <paramref name="forceAdd"/>; a scalar in the way becomes a mapping), then merges a mapping into a mapping or sets the value.</summary>
    /// <exception cref="StructViolation">A part of the key is missing and <paramref name="forceAdd"/> is false.</exception>
    /// <exception cref="ConfigCompositionException">A list index that is not a number or out of range.</exception>
    public static void Update(ConfigMapping root, string key, ConfigNode value, bool forceAdd)
    {
        string[] segments = Split(key);
        ConfigNode node = root;
        string path = "";
        for (int i = 0; i < segments.Length - 1; i++)
        {
            path = Join(path, segments[i]);
            node = Child(node, segments[i], path, forceAdd, createMapping: true)!;
        }

        string last = segments[^1];
        string fullPath = Join(path, last);
        switch (node)
        {
            case ConfigSequence seq:
                seq[Index(last, seq.Count, fullPath)] = value;
                return;
            case ConfigMapping map:
                if (map.TryGetValue(last, out ConfigNode? existing))
                {
                    if (existing is ConfigMapping existingMap && value is ConfigMapping valueMap)
                    {
                        Merge(existingMap, valueMap, strict: !forceAdd, fullPath);
                    }
                    else
                    {
                        map[last] = value;
                    }
                }
                else if (forceAdd)
                {
                    map[last] = value;
                }
                else
                {
                    throw new StructViolation(fullPath);
                }

                return;
        }
    }

    /// <summary>Removes the node at a dotted key; false if absent.</summary>
    public static bool Delete(ConfigMapping root, string key)
    {
        string[] segments = Split(key);
        ConfigNode? parent = segments.Length == 1 ? root : Select(root, string.Join('.', segments[..^1]));
        switch (parent)
        {
            case ConfigMapping map:
                return map.Remove(segments[^1]);
            case ConfigSequence seq when TryIndex(segments[^1], seq.Count, out int i):
                seq.RemoveAt(i);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Structural equality of a node and a plain value (a delete's expected value).</summary>
    public static bool SameValue(ConfigNode node, object? plain) => (node, plain) switch
    {
        (ConfigScalar s, _) => Equals(s.Value, plain) || (s.Value is long l && plain is double d && l == d) || (s.Value is double d2 && plain is long l2 && l2 == d2),
        (ConfigMapping m, IEnumerable<KeyValuePair<string, object?>> p) =>
            m.Count == p.Count() && p.All(e => m.TryGetValue(e.Key, out ConfigNode? c) && SameValue(c, e.Value)),
        (ConfigSequence q, System.Collections.IEnumerable p) when plain is not string =>
            q.Count == p.Cast<object?>().Count() && q.Items.Zip(p.Cast<object?>()).All(z => SameValue(z.First, z.Second)),
        _ => false,
    };

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string[] Split(string key)
    {
        string[] segments = key.Split('.');
        if (segments.Any(s => s.Length == 0))
        {
            throw new ConfigCompositionException($"invalid key '{key}': empty part between dots");
        }

        return segments;
    }

    private static ConfigNode? Child(ConfigNode node, string segment, string path, bool forceAdd, bool createMapping)
    {
        switch (node)
        {
            case ConfigSequence seq:
                int i = Index(segment, seq.Count, path);
                if (seq[i] is not (ConfigMapping or ConfigSequence) && createMapping)
                {
                    seq[i] = new ConfigMapping();
                }

                return seq[i];
            case ConfigMapping map:
                if (map.TryGetValue(segment, out ConfigNode? child) && child is ConfigMapping or ConfigSequence)
                {
                    return child;
                }

                if (child is null && !forceAdd)
                {
                    throw new StructViolation(path);
                }

                var created = new ConfigMapping();
                map[segment] = created;
                return created;
            default:
                throw new ConfigCompositionException($"'{path}' is not a mapping or a list");
        }
    }

    private static int Index(string segment, int count, string path) =>
        TryIndex(segment, count, out int i) ? i : throw new ConfigCompositionException($"'{path}': list index '{segment}' is not in 0..{count - 1}");

    private static bool TryIndex(string segment, int count, out int index) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;
}
