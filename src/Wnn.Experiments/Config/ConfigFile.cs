namespace Wnn.Experiments.Config;

/// <summary>Reading a config file's text and parsing it, with the file's path in front of every error.</summary>
internal static class ConfigFile
{
    /// <summary>Reads <paramref name="path"/> and parses its text; <paramref name="what"/> names the file in a read error ("config file").</summary>
    /// <exception cref="ConfigException">The file cannot be read, or <paramref name="parse"/> refused its text.</exception>
    public static T Load<T>(string path, string what, Func<string, T> parse)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read {what} '{path}': {ex.Message}", ex);
        }

        try
        {
            return parse(text);
        }
        catch (ConfigException ex)
        {
            throw new ConfigException($"{path}: {ex.Message}", ex);
        }
    }
}
