using Wnn.Storage;

namespace Wnn.Server;

/// <summary>The flow config check of the server: the executor's, when it has one (see <see cref="IFlowConfigValidator"/>).</summary>
public sealed class FlowConfigCheck(IFlowConfigValidator? validator)
{
    /// <summary>Null when valid (or nothing can check it), otherwise the message.</summary>
    public string? Validate(string configJson) => validator?.Validate(configJson);

    /// <summary>Null when the edit keeps the first <paramref name="keptPhases"/> phases' checkpoints valid (or nothing can check it), otherwise the message.</summary>
    public string? ValidateEdit(string oldConfigJson, string newConfigJson, int keptPhases) =>
        keptPhases <= 0 ? null : validator?.ValidateEdit(oldConfigJson, newConfigJson, keptPhases);

    /// <summary>The phase keys of a config, or null when unknown.</summary>
    public IReadOnlyList<string>? PhaseKeys(string configJson) => validator?.PhaseKeys(configJson);
}
