using System.Reflection;

namespace Wnn.Contracts;

/// <summary>
/// The version and commit of this build. The .NET SDK embeds the git commit as <c>1.0.0+&lt;commit&gt;</c> in the informational
/// version when it builds from a checkout (SourceRevisionId); a build without a repository has no commit ("unknown").
/// </summary>
public static class WnnBuild
{
    /// <summary>The informational version, e.g. <c>1.0.0+c81af28fc3eb32ab34d6c7f58721c1fe3e1c636d</c>.</summary>
    public static string Version { get; } =
        typeof(WnnBuild).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The git commit the build was made from, or "unknown".</summary>
    public static string Commit { get; } = Version.IndexOf('+', StringComparison.Ordinal) is int plus and >= 0 && plus + 1 < Version.Length
        ? Version[(plus + 1)..]
        : "unknown";
}
