using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Wnn.Experiments.Config.Composition;

/// <summary>Reads YAML into config trees with OmegaConf's typing rules, and writes trees back as YAML.</summary>
public static class ConfigYaml
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>Parses one YAML document; an empty document is an empty mapping.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="source">Named in error messages (a file path).</param>
    /// <exception cref="ConfigCompositionException">Malformed YAML, a duplicate key, an unknown tag.</exception>
    public static ConfigNode Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            string detail = ex.InnerException?.Message ?? ex.Message;
            throw new ConfigCompositionException($"{source}: invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {detail}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (found by the fuzz test).
            throw new ConfigCompositionException($"{source}: invalid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            return new ConfigMapping();
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigCompositionException($"{source}: expected one YAML document, found {stream.Documents.Count}");
        }

        YamlNode root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } && root.Tag.IsEmpty)
        {
            return new ConfigMapping();
        }

        return Convert(root, source, "");
    }

    /// <summary>Writes a tree as block-style YAML (as OmegaConf's <c>to_yaml</c> does: key order kept, strings that would
    /// read back as another type single-quoted).</summary>
    public static string Write(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text, EmitterSettings.Default.WithBestWidth(int.MaxValue).WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static ConfigNode Convert(YamlNode node, string source, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var own = new ConfigMapping();
                var merges = new List<ConfigMapping>();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    if (keyNode is not YamlScalarNode keyScalar)
                    {
                        throw new ConfigCompositionException($"{source}: line {keyNode.Start.Line}: a mapping key must be a scalar");
                    }

                    string key = keyScalar.Value ?? "";
                    string childPath = path.Length == 0 ? key : path + "." + key;
                    if (key == "<<" && keyScalar.Style == ScalarStyle.Plain && keyScalar.Tag.IsEmpty)
                    {
                        merges.AddRange(MergeSources(valueNode, source, path));
                        continue;
                    }

                    if (own.ContainsKey(key))
                    {
                        throw new ConfigCompositionException($"{source}: line {keyNode.Start.Line}: duplicate key '{childPath}'");
                    }

                    own[key] = Convert(valueNode, source, childPath);
                }

                if (merges.Count == 0)
                {
                    return own;
                }

                // YAML merge keys as PyYAML reads them: merged entries come first, the earlier of several sources and
                // then the mapping's own keys win.
                var result = new ConfigMapping();
                foreach (ConfigMapping merged in Enumerable.Reverse(merges).Append(own))
                {
                    foreach (var (key, value) in merged.Entries)
                    {
                        result[key] = value.Clone();
                    }
                }

                return result;
            case YamlSequenceNode seq:
                return new ConfigSequence(seq.Children.Select((c, i) => Convert(c, source, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]")));
            case YamlScalarNode scalar:
                return new ConfigScalar(ScalarValue(scalar, source));
            default:
                throw new ConfigCompositionException($"{source}: line {node.Start.Line}: unsupported YAML node '{node.NodeType}' at '{path}'");
        }
    }

    private static IEnumerable<ConfigMapping> MergeSources(YamlNode node, string source, string path)
    {
        IEnumerable<YamlNode> sources = node is YamlSequenceNode seq ? seq.Children : [node];
        foreach (YamlNode item in sources)
        {
            yield return Convert(item, source, path) as ConfigMapping
                ?? throw new ConfigCompositionException($"{source}: line {item.Start.Line}: a merge key '<<' takes a mapping or a list of mappings");
        }
    }

    private static object? ScalarValue(YamlScalarNode scalar, string source)
    {
        string text = scalar.Value ?? "";
        string tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag.Length == 0 || tag == "!")
        {
            return scalar.Style == ScalarStyle.Plain && tag.Length == 0 ? Resolve(text, scalar, source) : text;
        }

        string type = tag.StartsWith(TagPrefix, StringComparison.Ordinal) ? tag[TagPrefix.Length..] : tag;
        object? value = type switch
        {
            "str" => text,
            "null" => null,
            "bool" or "int" or "float" => Resolve(text, scalar, source),
            _ => throw new ConfigCompositionException($"{source}: line {scalar.Start.Line}: unsupported YAML tag '{tag}' (allowed: !!str, !!int, !!float, !!bool, !!null)"),
        };
        bool ok = type switch
        {
            "bool" => value is bool,
            "int" => value is long,
            "float" => value is double or long,
            _ => true,
        };
        if (!ok)
        {
            throw new ConfigCompositionException($"{source}: line {scalar.Start.Line}: '{text}' is not a valid !!{type}");
        }

        return type == "float" && value is long l ? (double)l : value;
    }

    private static object? Resolve(string text, YamlScalarNode scalar, string source)
    {
        try
        {
            return YamlScalars.ResolvePlain(text);
        }
        catch (Exception ex) when (ex is OverflowException or FormatException)
        {
            throw new ConfigCompositionException($"{source}: line {scalar.Start.Line}: integer '{text}' does not fit in 64 bits", ex);
        }
    }

    private static void Emit(IEmitter emitter, ConfigNode node)
    {
        switch (node)
        {
            case ConfigMapping map:
                emitter.Emit(new MappingStart(null, null, true, map.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in map.Entries)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case ConfigSequence seq:
                emitter.Emit(new SequenceStart(null, null, true, seq.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (ConfigNode item in seq.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case ConfigScalar { Value: string s }:
                EmitString(emitter, s);
                break;
            case ConfigScalar scalar:
                emitter.Emit(new Scalar(null, null, PlainText(scalar.Value), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string s)
    {
        // A string that would read back as null, a bool or a number is quoted; so are strings that need escapes.
        ScalarStyle style = s.Any(c => char.IsControl(c) && c != '\n') ? ScalarStyle.DoubleQuoted
            : YamlScalars.NeedsQuotes(s) ? ScalarStyle.SingleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, s, style, true, true));
    }

    /// <summary>How PyYAML writes a non-string scalar: null, true/false, ints, floats as Python's repr with '.0' before an
    /// exponent (<c>1.0e-05</c>), <c>.inf</c>, <c>-.inf</c>, <c>.nan</c>.</summary>
    internal static string PlainText(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => ".nan",
        double d when double.IsPositiveInfinity(d) => ".inf",
        double d when double.IsNegativeInfinity(d) => "-.inf",
        double d => FloatText(PythonText.FloatRepr(d)),
        _ => throw new InvalidOperationException("not a plain scalar: " + value),
    };

    private static string FloatText(string repr) =>
        !repr.Contains('.', StringComparison.Ordinal) && repr.Contains('e', StringComparison.Ordinal)
            ? new StringBuilder(repr).Replace("e", ".0e", 0, repr.Length).ToString()
            : repr;
}
