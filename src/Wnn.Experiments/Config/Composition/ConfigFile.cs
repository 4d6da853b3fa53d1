using System.Text.RegularExpressions;

namespace Wnn.Experiments.Config.Composition;

/// <summary>One loaded config file: its <c># @package</c> header, its defaults list (raw) and its body without it.</summary>
internal sealed partial class ConfigFile
{
    private ConfigFile(string path, string filePath, string? packageHeader, ConfigSequence? defaults, ConfigNode body)
    {
        Path = path;
        FilePath = filePath;
        PackageHeader = packageHeader;
        Defaults = defaults;
        Body = body;
    }

    /// <summary>The config path, e.g. <c>db/mysql</c>.</summary>
    public string Path { get; }

    public string FilePath { get; }

    /// <summary>The value of <c># @package X</c>, or null.</summary>
    public string? PackageHeader { get; }

    public ConfigSequence? Defaults { get; }

    /// <summary>The content without the defaults list (never mutated: callers clone it).</summary>
    public ConfigNode Body { get; }

    [GeneratedRegex(@"^\s*#\s*@")]
    private static partial Regex HeaderLine();

    public static ConfigFile Read(string path, string filePath)
    {
        string text;
        try
        {
            text = File.ReadAllText(filePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigCompositionException($"cannot read config '{filePath}': {ex.Message}", ex);
        }

        string? header = ReadPackageHeader(text, filePath);
        ConfigNode body = ConfigYaml.Parse(text, filePath);
        ConfigSequence? defaults = null;
        if (body is ConfigMapping map && map.TryGetValue("defaults", out ConfigNode? d))
        {
            defaults = d as ConfigSequence ?? throw new ConfigCompositionException(
                $"{filePath}: invalid defaults list: it must be a list (got a {(d is ConfigMapping ? "mapping" : "scalar")})");
            map = (ConfigMapping)map.Clone();
            map.Remove("defaults");
            body = map;
        }

        return new ConfigFile(path, filePath, header, defaults, body);
    }

    // Hydra reads the header from the leading comment lines (blank lines allowed) of the first 512 characters:
    // "# @key value"; the first other line ends it.
    private static string? ReadPackageHeader(string text, string filePath)
    {
        string? package = null;
        foreach (string raw in text[..Math.Min(text.Length, 512)].Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!HeaderLine().IsMatch(line))
            {
                break;
            }

            string[] parts = line.TrimStart('#').Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new ConfigCompositionException($"{filePath}: header '{line}' must be '# @KEY VALUE', e.g. '# @package _global_'");
            }

            if (parts[0] == "@package")
            {
                package = parts[1];
            }
        }

        return package;
    }
}
