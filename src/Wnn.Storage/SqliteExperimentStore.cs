using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Wnn.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with foreign keys on and a busy timeout, so several
/// processes on one machine (server and workers) can share it. Writers take the lock up front (<c>BEGIN IMMEDIATE</c>).
/// </summary>
public sealed class SqliteExperimentStore : SqlExperimentStore
{
    private const int BusyTimeoutMs = 30_000;
    private readonly string _connectionString;

    private SqliteExperimentStore(string path)
    {
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString();
    }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public override string Provider => "sqlite";

    /// <inheritdoc />
    public override string Location => FilePath;

    /// <inheritdoc />
    public override async Task<StoreIntegrity> CheckIntegrityAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using DbConnection connection = await OpenConnectionAsync(cancellationToken);
            List<string> overall;
            try
            {
                overall = await QuickCheckAsync(connection, "PRAGMA quick_check(20)", cancellationToken);
            }
            catch (SqliteException ex)
            {
                overall = [ex.Message];
            }

            if (overall.Count == 0)
            {
                return StoreIntegrity.Sound;
            }

            // Name the damaged tables: quick_check(table) checks one table and its indexes.
            var tables = new List<string>();
            await using (DbCommand list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
                await using DbDataReader reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var damaged = new List<string>();
            foreach (string table in tables)
            {
                try
                {
                    if ((await QuickCheckAsync(connection, $"PRAGMA quick_check(\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\")", cancellationToken)).Count > 0)
                    {
                        damaged.Add(table);
                    }
                }
                catch (SqliteException)
                {
                    damaged.Add(table);
                }
            }

            return new StoreIntegrity(damaged, overall);
        }
        catch (SqliteException ex)
        {
            return new StoreIntegrity([], [ex.Message]);
        }
    }

    private static async Task<List<string>> QuickCheckAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var messages = new List<string>();
        await using DbCommand check = connection.CreateCommand();
        check.CommandText = sql;
        await using DbDataReader reader = await check.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string line = reader.GetString(0);
            if (line != "ok")
            {
                messages.Add(line);
            }
        }

        return messages;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> Migrations => SqliteSchema.Migrations;

    /// <inheritdoc />
    protected override string ClaimSql =>
        "UPDATE flows SET status = 'running', worker_id = @worker, heartbeat_at = @now, started_at = COALESCE(started_at, @now), " +
        "stop_requested = @false, error = NULL " +
        "WHERE id = (SELECT id FROM flows WHERE status = 'queued' ORDER BY id LIMIT 1) AND status = 'queued' " +
        $"RETURNING {FlowColumns}";

    /// <summary>Opens (creating if needed) the database file and applies pending migrations.</summary>
    public static async Task<SqliteExperimentStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var store = new SqliteExperimentStore(full);
        try
        {
            await using (DbConnection connection = await store.OpenConnectionAsync(cancellationToken))
            {
                await using DbCommand wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }

            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using DbCommand pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal);

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
