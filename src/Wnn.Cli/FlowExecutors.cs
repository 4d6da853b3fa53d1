using Wnn.Storage;

namespace Wnn.Cli;

/// <summary>
/// The plug point for the executor that workers (<c>wnn serve</c>, <c>wnn worker</c>) run flows with.
/// The phased search executor is plugged in here; until then flows stay queued.
/// </summary>
internal static class FlowExecutors
{
    /// <summary>The executor for queued flows, or null when none is available in this build.</summary>
    public static IFlowExecutor? Create() => null;
}
