namespace Wnn.Server;

/// <summary>Facts about this server process that endpoints report.</summary>
/// <param name="LocalWorkers">Flow workers running inside this process.</param>
internal sealed record ServerInfo(int LocalWorkers);
