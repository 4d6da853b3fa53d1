using System.Collections.Concurrent;

namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// A config directory: a config is <c>&lt;dir&gt;/&lt;path&gt;.yaml</c>, a group is a folder (<c>db</c>,
/// <c>phase1/latent_space</c>) whose options are its <c>.yaml</c> files. Loaded files are cached.
/// </summary>
public sealed class ConfigRepository
{
    private const string Extension = ".yaml";
    private readonly ConcurrentDictionary<string, ConfigFile?> _cache = new(StringComparer.Ordinal);

    /// <summary>Opens a config directory.</summary>
    /// <exception cref="ConfigCompositionException">The directory does not exist.</exception>
    public ConfigRepository(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new ConfigCompositionException($"config directory '{directory}' does not exist");
        }
    }

    private ConfigRepository()
    {
        Directory = "";
    }

    /// <summary>A repository without configs or groups (composition from overrides alone).</summary>
    public static ConfigRepository Empty { get; } = new();

    /// <summary>The absolute path of the directory ("" for <see cref="Empty"/>).</summary>
    public string Directory { get; }

    /// <summary>True if <paramref name="group"/> (slash-separated, e.g. <c>phase1/latent_space</c>) is a folder.</summary>
    public bool GroupExists(string group) => IsSafe(group) && group.Length > 0 && System.IO.Directory.Exists(FullPath(group));

    /// <summary>True if <c>&lt;path&gt;.yaml</c> exists.</summary>
    public bool ConfigExists(string path) => IsSafe(path) && path.Length > 0 && File.Exists(FullPath(path) + Extension);

    /// <summary>The options of a group (its config names, sorted); empty if the group does not exist.</summary>
    public IReadOnlyList<string> GetOptions(string group)
    {
        if (!IsSafe(group) || !System.IO.Directory.Exists(FullPath(group)))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(FullPath(group), "*" + Extension)
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The sub-groups of a group ("" for the top level), sorted.</summary>
    public IReadOnlyList<string> GetGroups(string group)
    {
        if (!IsSafe(group) || !System.IO.Directory.Exists(FullPath(group)))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateDirectories(FullPath(group))
            .Select(d => group.Length == 0 ? Path.GetFileName(d) : group + "/" + Path.GetFileName(d))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Loads <c>&lt;path&gt;.yaml</c>: its header, defaults list and body; null if it does not exist.</summary>
    /// <exception cref="ConfigCompositionException">The file is not valid YAML or its defaults list is malformed.</exception>
    internal ConfigFile? Load(string path) => _cache.GetOrAdd(path, p => ConfigExists(p) ? ConfigFile.Read(p, FullPath(p) + Extension) : null);

    private string FullPath(string relative) => relative.Length == 0 ? Directory : Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    // Paths come from config files and the command line: no parent traversal, no backslashes, no absolute paths.
    private bool IsSafe(string path) =>
        Directory.Length > 0 && !path.Contains('\\', StringComparison.Ordinal) && !path.StartsWith('/') && !path.Split('/').Contains("..");
}
