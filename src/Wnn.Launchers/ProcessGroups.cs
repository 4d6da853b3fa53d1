using System.Runtime.InteropServices;

namespace Wnn.Launchers;

/// <summary>
/// Process groups on Unix: a trial starts through <c>setsid</c> (util-linux), which makes it the leader of a new session
/// and process group whose id is its pid, so signalling <c>-pid</c> reaches it and every descendant that did not leave.
/// </summary>
internal static partial class ProcessGroups
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    private static readonly string? SetsidPath = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>The setsid executable, or null (then trials run in the launcher's group and only the direct child is signalled).</summary>
    public static string? Setsid => OperatingSystem.IsWindows() ? null : SetsidPath;

    /// <summary>Sends a signal to a whole process group; false when no process of the group exists any more.</summary>
    public static bool Signal(int groupId, int signal)
    {
        if (OperatingSystem.IsWindows() || groupId <= 1)
        {
            return false;
        }

        return Kill(-groupId, signal) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
