using Wnn.Storage;

namespace Wnn.Server;

/// <summary>The flow config check of the server: the executor's, when it has one (see <see cref="IFlowConfigValidator"/>).</summary>
public sealed class FlowConfigCheck(IFlowConfigValidator? validator)
{
    /// <summary>Null when valid (or nothing can check it), otherwise the message.</summary>
    public string? Validate(string configJson) => validator?.Validate(configJson);
}
