namespace Wnn.Contracts;

/// <summary>
/// Checks a flow's config JSON before it is stored, so that a flow that its executor cannot run is refused at creation
/// (HTTP 400) instead of failing later on a worker. Executors that read the config usually implement it.
/// </summary>
public interface IFlowConfigValidator
{
    /// <summary>Null when <paramref name="configJson"/> is valid, otherwise one message naming the bad key and what is allowed.</summary>
    string? Validate(string configJson);
}
