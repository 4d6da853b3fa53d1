namespace Wnn.Contracts;

/// <summary>Body of <c>GET /api/health</c>.</summary>
/// <param name="Status">Always <c>ok</c> when the server answers.</param>
/// <param name="Provider">Database provider: <c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="SchemaVersion">Applied schema version.</param>
/// <param name="LastEventId">Newest event id.</param>
/// <param name="Workers">Worker processes registered in the database.</param>
/// <param name="LocalWorkers">Workers running inside this server process.</param>
public sealed record HealthResponse(string Status, string Provider, int SchemaVersion, long LastEventId, int Workers, int LocalWorkers);
