namespace Wnn.Server.Tests;

/// <summary>The study endpoints over the real PostgreSQL test server (a fresh schema, dropped afterwards).</summary>
public sealed class PostgresStudyEndpointsTests : StudyEndpointsTests
{
    private protected override async Task<(string Storage, IAsyncDisposable? Cleanup)> CreateStorageAsync(string root)
    {
        PostgresSchemaScope scope = await PostgresSchemaScope.CreateAsync();
        return (scope.ConnectionString, scope);
    }
}
