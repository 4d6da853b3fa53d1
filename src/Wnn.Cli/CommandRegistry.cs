using System.CommandLine;

namespace Wnn.Cli;

/// <summary>The list of top-level commands; one line per area keeps merges trivial.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return DataCommands.Create();
        yield return EvalCommand.Create();
        yield return BaselineCommand.Create();
        yield return BenchCommands.Create();
        yield return SearchCommand.Create();
        yield return StudyCommands.Create();
        yield return SlurmCommands.Create();
        yield return ServeCommands.Serve();
        yield return ServeCommands.Worker();
        yield return FlowCommands.Create();
        yield return CheckpointCommands.Create();
        yield return StatusCommand.Create();
        yield return ConfigCommands.Create();
        yield return SweepCommands.Create();
        yield return CompletionCommand.Create();
        yield return ArchCommands.Create();
        yield return ReportCommands.Create();
        yield break;
    }
}
