using System.CommandLine;

namespace Wnn.Cli;

/// <summary>The list of top-level commands; one line per area keeps merges trivial.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return StudyCommands.Create();
        yield break;
    }
}
