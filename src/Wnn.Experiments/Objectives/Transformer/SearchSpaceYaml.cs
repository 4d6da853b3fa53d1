using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Search;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// Reads the seed's search-space mapping (name → {type, …}) into <see cref="ParameterDistribution"/>s:
/// uniform / log_uniform {low, high[, step]}, int {low, high[, step][, log]}, categorical {choices: [...]}.
/// </summary>
public static class SearchSpaceYaml
{
    /// <summary>The accepted type names.</summary>
    public static IReadOnlyList<string> Types { get; } = ["uniform", "log_uniform", "int", "categorical"];

    /// <summary>Parses one search space (in file order); <paramref name="where"/> prefixes error messages.</summary>
    /// <exception cref="ConfigException">An unknown type, a missing bound, an invalid range.</exception>
    public static IReadOnlyList<KeyValuePair<string, ParameterDistribution>> Parse(YamlNode node, string where)
    {
        if (node is not YamlMappingNode map)
        {
            throw new ConfigException($"{where}: expected a mapping of parameter name → {{type: …}}");
        }

        var result = new List<KeyValuePair<string, ParameterDistribution>>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            string name = Scalar(keyNode, where) ?? string.Empty;
            if (result.Any(p => p.Key == name))
            {
                throw new ConfigException($"{where}: parameter '{name}' is given twice");
            }

            result.Add(new(name, Distribution(valueNode, $"{where}.{name}")));
        }

        return result;
    }

    private static ParameterDistribution Distribution(YamlNode node, string where)
    {
        if (node is not YamlMappingNode map)
        {
            throw new ConfigException($"{where}: expected a mapping with 'type' ({string.Join(", ", Types)})");
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            fields[Scalar(k, where) ?? string.Empty] = v;
        }

        string type = fields.TryGetValue("type", out YamlNode? t) ? Scalar(t, where) ?? string.Empty : string.Empty;
        string[] allowed = type switch
        {
            "uniform" or "log_uniform" => ["type", "low", "high", "step"],
            "int" => ["type", "low", "high", "step", "log"],
            "categorical" => ["type", "choices"],
            _ => throw new ConfigException($"{where}: type '{type}' is unknown; allowed: {string.Join(", ", Types)}"),
        };
        if (fields.Keys.FirstOrDefault(k => !allowed.Contains(k)) is string extra)
        {
            throw new ConfigException($"{where}: field '{extra}' does not belong to type {type}; allowed: {string.Join(", ", allowed)}");
        }

        try
        {
            return type switch
            {
                "uniform" => new FloatDistribution(Number(fields, "low", where), Number(fields, "high", where), false, OptionalNumber(fields, "step", where)),
                "log_uniform" => new FloatDistribution(Number(fields, "low", where), Number(fields, "high", where), true, OptionalNumber(fields, "step", where)),
                "int" => new IntDistribution(Integer(fields, "low", where), Integer(fields, "high", where), Flag(fields, "log", where), OptionalNumber(fields, "step", where) is double s ? ToInt(s, "step", where) : 1),
                _ => new CategoricalDistribution(Choices(fields, where)),
            };
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException($"{where}: {(ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal))}", ex);
        }
    }

    private static List<object?> Choices(Dictionary<string, YamlNode> fields, string where)
    {
        if (!fields.TryGetValue("choices", out YamlNode? node) || node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw new ConfigException($"{where}: categorical needs 'choices', a non-empty list");
        }

        return [.. list.Children.Select(c => Choice(c, where))];
    }

    /// <summary>A YAML scalar as the categorical value it denotes: int, long, double, bool, null or string (quoted stays string).</summary>
    internal static object? Choice(YamlNode node, string where)
    {
        if (node is not YamlScalarNode s)
        {
            throw new ConfigException($"{where}: a choice must be a single value");
        }

        string v = s.Value ?? string.Empty;
        if (s.Style != ScalarStyle.Plain)
        {
            return v;
        }

        if (v is "null" or "~" or "")
        {
            return null;
        }

        if (v is "true" or "false")
        {
            return v == "true";
        }

        if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i))
        {
            return i;
        }

        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return l;
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : v;
    }

    internal static string? Scalar(YamlNode node, string where) =>
        node is YamlScalarNode s ? s.Value : throw new ConfigException($"{where}: expected a single value, got a {(node is YamlSequenceNode ? "list" : "mapping")}");

    private static double Number(Dictionary<string, YamlNode> fields, string key, string where) =>
        OptionalNumber(fields, key, where) ?? throw new ConfigException($"{where}: '{key}' is required");

    private static double? OptionalNumber(Dictionary<string, YamlNode> fields, string key, string where)
    {
        if (!fields.TryGetValue(key, out YamlNode? node) || Scalar(node, where) is null or "null" or "~")
        {
            return null;
        }

        string text = Scalar(node, where)!;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
            : throw new ConfigException($"{where}.{key}: '{text}' is not a number");
    }

    private static int Integer(Dictionary<string, YamlNode> fields, string key, string where) => ToInt(Number(fields, key, where), key, where);

    private static int ToInt(double value, string key, string where) =>
        value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new ConfigException($"{where}.{key}: {value.ToString(CultureInfo.InvariantCulture)} is not an integer");

    private static bool Flag(Dictionary<string, YamlNode> fields, string key, string where) =>
        fields.TryGetValue(key, out YamlNode? node) && (Scalar(node, where) switch
        {
            "true" => true,
            "false" or null => false,
            string other => throw new ConfigException($"{where}.{key}: '{other}' is not true or false"),
        });
}
