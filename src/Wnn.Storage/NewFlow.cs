namespace Wnn.Storage;

/// <summary>What is needed to create a flow.</summary>
/// <param name="Name">Human-readable name; required.</param>
/// <param name="ConfigJson">Flow configuration as a JSON object.</param>
/// <param name="Description">Optional free text.</param>
/// <param name="SeedCheckpointId">Checkpoint to start from; its reference count is incremented.</param>
public sealed record NewFlow(string Name, string ConfigJson = "{}", string? Description = null, long? SeedCheckpointId = null);
