using Npgsql;
using Wnn.Storage;

namespace Wnn.Experiments.Tests.Flows;

/// <summary>
/// A real experiment store for executor tests: a SQLite file in a temp folder, or a fresh schema in the test PostgreSQL
/// database (<c>WNN_TEST_PG</c>, default the server <c>scripts/test-prereqs.sh</c> starts), dropped on dispose.
/// </summary>
internal sealed class FlowTestStore : IAsyncDisposable
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=wnn_test";
    private readonly string? _schema;

    private FlowTestStore(IExperimentStore store, TempDir dir, string? schema)
    {
        Store = store;
        Dir = dir;
        _schema = schema;
    }

    public IExperimentStore Store { get; }

    public TempDir Dir { get; }

    public string CheckpointRoot => Dir.File("checkpoints");

    private static string PostgresBase => Environment.GetEnvironmentVariable("WNN_TEST_PG") is { Length: > 0 } v ? v : DefaultPostgres;

    public static async Task<FlowTestStore> OpenAsync(string provider)
    {
        var dir = new TempDir();
        if (provider == "sqlite")
        {
            return new FlowTestStore(await SqliteExperimentStore.OpenAsync(dir.File("experiments.db"), CancellationToken.None), dir, null);
        }

        string schema = "f_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE SCHEMA {schema}");
        string connection = new NpgsqlConnectionStringBuilder(PostgresBase) { SearchPath = schema }.ToString();
        return new FlowTestStore(await PostgresExperimentStore.OpenAsync(connection, CancellationToken.None), dir, schema);
    }

    /// <summary>Creates a flow, claims it for a worker and returns the progress sink a worker would pass to the executor.</summary>
    public async Task<(FlowRecord Flow, StoreFlowProgress Progress)> ClaimAsync(string name, string configJson, long? seedCheckpoint = null)
    {
        FlowRecord created = await Store.CreateFlowAsync(new NewFlow(name, configJson, null, seedCheckpoint), CancellationToken.None);
        await Store.QueueFlowAsync(created.Id, CancellationToken.None);
        await Store.RegisterWorkerAsync("test-worker", "localhost", Environment.ProcessId, CancellationToken.None);
        FlowRecord flow = (await Store.ClaimNextQueuedFlowAsync("test-worker", CancellationToken.None))!;
        return (flow, new StoreFlowProgress(Store, flow, CheckpointRoot));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_schema is not null)
        {
            await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
        }

        Dir.Dispose();
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresBase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
