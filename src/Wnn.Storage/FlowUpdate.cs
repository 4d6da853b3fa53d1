namespace Wnn.Storage;

/// <summary>A partial edit of a flow; null fields are left unchanged.</summary>
/// <param name="Name">New name.</param>
/// <param name="Description">New description.</param>
/// <param name="ConfigJson">New configuration JSON.</param>
public sealed record FlowUpdate(string? Name = null, string? Description = null, string? ConfigJson = null);
