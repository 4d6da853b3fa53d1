namespace Wnn.Contracts;

/// <summary>
/// Checks a flow's config JSON before it is stored, so that a flow that its executor cannot run is refused at creation
/// (HTTP 400) instead of failing later on a worker. Executors that read the config usually implement it.
/// </summary>
public interface IFlowConfigValidator
{
    /// <summary>Null when <paramref name="configJson"/> is valid, otherwise one message naming the bad key and what is allowed.</summary>
    string? Validate(string configJson);

    /// <summary>
    /// Null when a flow whose first <paramref name="keptPhases"/> phases have completed may change its config from
    /// <paramref name="oldConfigJson"/> to <paramref name="newConfigJson"/> and keep their checkpoints (the resume-identity
    /// rule), otherwise the message naming each key that differs.
    /// </summary>
    string? ValidateEdit(string oldConfigJson, string newConfigJson, int keptPhases) => null;

    /// <summary>The phase keys of a config in run order, or null when this executor does not know them.</summary>
    IReadOnlyList<string>? PhaseKeys(string configJson) => null;
}
