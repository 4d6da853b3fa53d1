using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// Reads a primary config's <c>hydra.sweeper.params</c> and a config directory's group options. For now only the
/// primary YAML file is read (no defaults list); <see cref="FromPrimaryConfig"/> is the one place to swap for full composition.
/// </summary>
public static class SweeperParams
{
    /// <summary>The <c>hydra.sweeper.params</c> entries of <c>&lt;configDir&gt;/&lt;configName&gt;.yaml</c>, in YAML order, each value as its text.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FromPrimaryConfig(string configDir, string configName)
    {
        ArgumentNullException.ThrowIfNull(configDir);
        ArgumentNullException.ThrowIfNull(configName);
        string path = Path.Combine(configDir, Path.HasExtension(configName) ? configName : configName + ".yaml");
        if (!File.Exists(path))
        {
            throw new ConfigException($"config file not found: '{path}' (from --config-dir '{configDir}' and --config-name '{configName}')");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigException($"'{path}': invalid YAML at line {e.Start.Line}: {e.Message}");
        }

        if (stream.Documents.Count == 0 || Child(Child(Child(stream.Documents[0].RootNode, "hydra"), "sweeper"), "params") is not YamlNode node)
        {
            return [];
        }

        if (node is not YamlMappingNode map)
        {
            throw new ConfigException($"'{path}': hydra.sweeper.params must be a mapping of key: sweep (e.g. lr: 0.1,0.01)");
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach ((YamlNode k, YamlNode v) in map.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? "";
            string value = v is YamlScalarNode s
                ? s.Value ?? ""
                : throw new ConfigException($"'{path}': hydra.sweeper.params.{key} must be a string such as 'a,b' or 'range(1,4)', got a {(v is YamlSequenceNode ? "list" : "mapping")}");
            result.Add(new(key, value));
        }

        return result;
    }

    /// <summary>The options of a config group: the <c>*.yaml</c>/<c>*.yml</c> names in <c>&lt;configDir&gt;/&lt;group&gt;/</c>, sorted (empty if the group does not exist).</summary>
    public static IReadOnlyList<string> GroupOptions(string configDir, string group)
    {
        ArgumentNullException.ThrowIfNull(configDir);
        ArgumentNullException.ThrowIfNull(group);
        string dir = Path.Combine(configDir, group);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(dir)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child) ? child : null;
}
