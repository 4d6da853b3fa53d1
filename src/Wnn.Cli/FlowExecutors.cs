using Wnn.Experiments.Flows;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary>The executor that workers (<c>wnn serve</c>, <c>wnn worker</c>) run flows with: the phased search.</summary>
internal static class FlowExecutors
{
    /// <summary>The executor for queued flows.</summary>
    public static IFlowExecutor Create() => new PhasedFlowExecutor();
}
