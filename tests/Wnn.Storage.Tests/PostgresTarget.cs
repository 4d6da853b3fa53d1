using Npgsql;
using Wnn.Storage;

namespace Wnn.Storage.Tests;

/// <summary>
/// A fresh schema in the test PostgreSQL database (<c>WNN_TEST_PG</c>, default the server that
/// <c>scripts/test-prereqs.sh</c> starts). Tests fail, not skip, when the server is unreachable.
/// </summary>
public sealed class PostgresTarget : IStoreTarget
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=wnn_test";
    private readonly List<IExperimentStore> _opened = [];
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");
    private readonly string _files = Path.Combine(Path.GetTempPath(), "wnn-pgstore-" + Guid.NewGuid().ToString("N"));
    private bool _created;

    public PostgresTarget() => Directory.CreateDirectory(_files);

    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("WNN_TEST_PG") is { Length: > 0 } value ? value : DefaultConnectionString;

    public string FilesDirectory => _files;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = _schema }.ToString();

    public async Task<IExperimentStore> OpenAsync()
    {
        if (!_created)
        {
            await ExecuteAsync($"CREATE SCHEMA {_schema}");
            _created = true;
        }

        IExperimentStore store = await PostgresExperimentStore.OpenAsync(ConnectionString, CancellationToken.None);
        _opened.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IExperimentStore store in _opened)
        {
            await store.DisposeAsync();
        }

        if (_created)
        {
            await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
        }

        Directory.Delete(_files, recursive: true);
    }

    private static async Task ExecuteAsync(string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection(BaseConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"PostgreSQL test server unreachable at '{BaseConnectionString}' (run scripts/test-prereqs.sh or set WNN_TEST_PG): {ex.Message}", ex);
        }
    }
}
