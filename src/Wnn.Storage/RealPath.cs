namespace Wnn.Storage;

/// <summary>
/// Real paths with every symbolic link resolved (directories and the file itself), and the containment check the
/// server applies to checkpoint files: a file whose real path leaves the checkpoint root is refused.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path of <paramref name="path"/> with each symbolic link replaced by its target, component by
    /// component; components that do not exist are kept as they are.
    /// </summary>
    /// <exception cref="IOException">More than 40 links (a loop).</exception>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pending = new Stack<string>(Path.GetFullPath(path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        string current = Path.GetPathRoot(Path.GetFullPath(path)) ?? "/";
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(next);
            string? target = info.Exists || Directory.Exists(next) ? (Directory.Exists(next) ? new DirectoryInfo(next) : info).LinkTarget : null;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many symbolic links resolving '{path}'");
            }

            string absolute = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            foreach (string p in absolute.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(p);
            }

            current = Path.GetPathRoot(absolute) ?? "/";
        }

        return current;
    }

    /// <summary>Whether the real path of <paramref name="path"/> lies inside the real path of <paramref name="root"/>.</summary>
    public static bool IsInside(string root, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            string relative = Path.GetRelativePath(Resolve(root), Resolve(path));
            return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
