using Npgsql;

namespace Wnn.Server.Tests;

/// <summary>A fresh schema in the test PostgreSQL database (<c>WNN_TEST_PG</c> or the one <c>scripts/test-prereqs.sh</c> starts), dropped on dispose.</summary>
public sealed class PostgresSchemaScope : IAsyncDisposable
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=wnn_test";
    private readonly string _schema = "s_" + Guid.NewGuid().ToString("N");

    private PostgresSchemaScope()
    {
    }

    private static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("WNN_TEST_PG") is { Length: > 0 } value ? value : DefaultConnectionString;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = _schema }.ToString();

    public static async Task<PostgresSchemaScope> CreateAsync()
    {
        var scope = new PostgresSchemaScope();
        await ExecuteAsync($"CREATE SCHEMA {scope._schema}");
        return scope;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");

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
