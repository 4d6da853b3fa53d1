namespace Wnn.Cli;

/// <summary>Checks on output paths done before any work starts, so a long run never fails at its end.</summary>
internal static class CliFiles
{
    /// <summary>Throws a <see cref="CliException"/> when <paramref name="path"/>'s folder cannot take a new file.</summary>
    public static void EnsureWritable(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliException($"{option}: '{path}' is not a valid path");
        }

        if (Directory.Exists(full))
        {
            throw new CliException($"{option}: '{path}' is a directory; give a file path");
        }

        string? dir = Path.GetDirectoryName(full);
        try
        {
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            string probe = Path.Combine(dir ?? ".", $".wnn-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option}: cannot write to '{path}': {ex.Message}");
        }
    }
}
