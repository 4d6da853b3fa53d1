using Npgsql;
using Wnn.Search;
using Wnn.Search.Tests;
using Wnn.Storage;

namespace Wnn.Storage.Tests.Studies;

/// <summary>The Wnn.Search storage contract on a fresh SQLite file per test.</summary>
public sealed class SqliteStudyStorageContractTests : StudyStorageContract, IDisposable
{
    private readonly List<SqlStudyStorage> _opened = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wnn-study-" + Guid.NewGuid().ToString("N"));

    protected override IStudyStorage CreateStorage(TimeProvider clock)
    {
        SqlStudyStorage storage = SqliteStudyStorage.OpenAsync(Path.Combine(_root, "studies.db"), clock, CancellationToken.None).GetAwaiter().GetResult();
        _opened.Add(storage);
        return storage;
    }

    public void Dispose()
    {
        _opened.ForEach(s => s.Dispose());
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>The Wnn.Search storage contract on a fresh PostgreSQL schema per test.</summary>
public sealed class PostgresStudyStorageContractTests : StudyStorageContract, IDisposable
{
    private readonly PostgresSchemaScope _schema = new();
    private readonly List<SqlStudyStorage> _opened = [];

    protected override bool CallsNeedThreadPool => true;

    protected override IStudyStorage CreateStorage(TimeProvider clock)
    {
        SqlStudyStorage storage = PostgresStudyStorage.OpenAsync(_schema.ConnectionString, clock, CancellationToken.None).GetAwaiter().GetResult();
        _opened.Add(storage);
        return storage;
    }

    public void Dispose()
    {
        _opened.ForEach(s => s.Dispose());
        _schema.Dispose();
    }
}

/// <summary>A throwaway schema in the test PostgreSQL database (see <see cref="PostgresTarget"/>), dropped on dispose.</summary>
public sealed class PostgresSchemaScope : IDisposable
{
    private readonly string _schema = "s_" + Guid.NewGuid().ToString("N");

    public PostgresSchemaScope() => Execute($"CREATE SCHEMA {_schema}");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresTarget.BaseConnectionString) { SearchPath = _schema }.ToString();

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA {_schema} CASCADE");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresTarget.BaseConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
