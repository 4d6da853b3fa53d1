using System.Globalization;
using System.Text;
using Wnn.Experiments.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Plain configuration trees read from YAML: ordered string-keyed maps (<see cref="Dictionary{TKey, TValue}"/>), lists and
/// scalars typed as YAML's core schema does (null, bool, int, long, double, string; a quoted scalar is always a string).
/// </summary>
public static class ConfigTree
{
    /// <summary>Reads a YAML file into a tree; the root must be a mapping.</summary>
    /// <exception cref="ConfigException">Missing file or invalid YAML.</exception>
    public static Dictionary<string, object?> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read config '{path}': {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses YAML text into a tree; the root must be a mapping (an empty document gives an empty map).</summary>
    public static Dictionary<string, object?> Parse(string yaml, string source = "config")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{source}: invalid YAML at line {ex.Start.Line}: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" })
        {
            return [];
        }

        return Convert(stream.Documents[0].RootNode) as Dictionary<string, object?>
            ?? throw new ConfigException($"{source}: the config must be a YAML mapping of key: value");
    }

    /// <summary>Parses one value as YAML (a scalar, or a flow list/map such as <c>[1, 2]</c>).</summary>
    public static object? ParseValue(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader("v: " + text));
        }
        catch (YamlException)
        {
            return text;
        }

        return ((YamlMappingNode)stream.Documents[0].RootNode).Children.Values.Select(Convert).First();
    }

    /// <summary>Types a plain (unquoted) scalar as YAML's core schema does.</summary>
    public static object? Scalar(string? text)
    {
        if (text is null or "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (text is "false" or "False" or "FALSE")
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : l;
        }

        if ((char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Any(char.IsDigit)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            return d;
        }

        return text switch
        {
            ".inf" or "+.inf" => double.PositiveInfinity,
            "-.inf" => double.NegativeInfinity,
            ".nan" => double.NaN,
            _ => text,
        };
    }

    /// <summary>A deep copy of a tree.</summary>
    public static object? Clone(object? value) => value switch
    {
        Dictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Clone(kv.Value)),
        List<object?> list => list.Select(Clone).ToList(),
        _ => value,
    };

    /// <summary>Sets a dotted key (<c>a.b.c</c>; a '/' separates groups like a dot), creating maps on the way.</summary>
    public static void Set(Dictionary<string, object?> root, string key, object? value)
    {
        string[] parts = key.Split('.', '/');
        Dictionary<string, object?> map = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!map.TryGetValue(parts[i], out object? next) || next is not Dictionary<string, object?> child)
            {
                child = [];
                map[parts[i]] = child;
            }

            map = child;
        }

        map[parts[^1]] = value;
    }

    /// <summary>Reads a dotted key; false when a part is missing.</summary>
    public static bool TryGet(IReadOnlyDictionary<string, object?> root, string key, out object? value)
    {
        value = null;
        object? current = root;
        foreach (string part in key.Split('.'))
        {
            if (current is not IReadOnlyDictionary<string, object?> map || !map.TryGetValue(part, out current))
            {
                return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>Every leaf as a dotted key and its text (lists as [a, b]), in order.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Flatten(object? value, string prefix = "")
    {
        if (value is IReadOnlyDictionary<string, object?> map && map.Count > 0)
        {
            foreach (KeyValuePair<string, object?> kv in map)
            {
                foreach (KeyValuePair<string, string> leaf in Flatten(kv.Value, prefix.Length == 0 ? kv.Key : prefix + "." + kv.Key))
                {
                    yield return leaf;
                }
            }
        }
        else if (value is List<object?> list && list.Count > 0 && list.Any(v => v is IReadOnlyDictionary<string, object?> or List<object?>))
        {
            for (int i = 0; i < list.Count; i++)
            {
                foreach (KeyValuePair<string, string> leaf in Flatten(list[i], $"{prefix}[{i.ToString(CultureInfo.InvariantCulture)}]"))
                {
                    yield return leaf;
                }
            }
        }
        else
        {
            yield return new(prefix, Format(value));
        }
    }

    /// <summary>A value as text: invariant numbers (round-trip), true/false, null, lists as [a, b].</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        List<object?> list => "[" + string.Join(", ", list.Select(Format)) + "]",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => kv.Key + ": " + Format(kv.Value))) + "}",
        _ => value.ToString() ?? "",
    };

    /// <summary>Writes a tree as block YAML (strings quoted when they would read back as another type).</summary>
    public static string ToYaml(object? value)
    {
        var text = new StringBuilder();
        Write(text, value, 0, inList: false);
        return text.ToString();
    }

    /// <summary>Writes a file atomically (temp file in the same directory, flush, rename).</summary>
    public static void WriteAtomic(string path, string content)
    {
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static string FormatDouble(double d) => double.IsPositiveInfinity(d) ? ".inf" : double.IsNegativeInfinity(d) ? "-.inf" : double.IsNaN(d) ? ".nan"
        : d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    private static void Write(StringBuilder text, object? value, int indent, bool inList)
    {
        string pad = new(' ', indent);
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map when map.Count > 0:
                bool first = true;
                foreach (KeyValuePair<string, object?> kv in map)
                {
                    text.Append(first && inList ? "" : pad).Append(QuoteKey(kv.Key)).Append(':');
                    first = false;
                    if (kv.Value is IReadOnlyDictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 })
                    {
                        text.Append('\n');
                        Write(text, kv.Value, indent + 2, inList: false);
                    }
                    else
                    {
                        text.Append(' ').Append(Inline(kv.Value)).Append('\n');
                    }
                }

                break;
            case List<object?> list when list.Count > 0:
                foreach (object? item in list)
                {
                    text.Append(pad).Append("- ");
                    if (item is IReadOnlyDictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 })
                    {
                        Write(text, item, indent + 2, inList: true);
                    }
                    else
                    {
                        text.Append(Inline(item)).Append('\n');
                    }
                }

                break;
            default:
                text.Append(pad).Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static string Inline(object? value) => value switch
    {
        string s => Quote(s),
        IReadOnlyDictionary<string, object?> => "{}",
        List<object?> => "[]",
        _ => Format(value),
    };

    private static string QuoteKey(string key) => key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/') ? key : Quote(key);

    private static string Quote(string s)
    {
        bool plain = s.Length > 0 && Scalar(s) is string && s.Trim() == s
            && s.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n', '\t']) < 0 && s[0] != '-' && s[0] != '?';
        return plain ? s : "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => (kv.Key as YamlScalarNode)?.Value ?? kv.Key.ToString(),
            kv => Convert(kv.Value)),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode s => s.Style is ScalarStyle.Plain ? Scalar(s.Value) : s.Value ?? "",
        _ => null,
    };
}
