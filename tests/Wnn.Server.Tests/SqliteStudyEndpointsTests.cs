namespace Wnn.Server.Tests;

/// <summary>The study endpoints over a SQLite study file.</summary>
public sealed class SqliteStudyEndpointsTests : StudyEndpointsTests
{
    private protected override Task<(string Storage, IAsyncDisposable? Cleanup)> CreateStorageAsync(string root) =>
        Task.FromResult<(string, IAsyncDisposable?)>((Path.Combine(root, "studies.db"), null));
}
