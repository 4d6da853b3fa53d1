using System.Data.Common;
using Microsoft.Data.Sqlite;
using Wnn.Search;

namespace Wnn.Storage;

/// <summary>
/// Studies in the project's SQLite file (WAL mode, shared with the experiment store). Several processes on one machine
/// can optimize one study: writers take the lock up front (<c>BEGIN IMMEDIATE</c>) and wait up to 30 s for it.
/// </summary>
public sealed class SqliteStudyStorage : SqlStudyStorage
{
    private const int BusyTimeoutMs = 30_000;

    private SqliteStudyStorage(SqliteConnection connection, TimeProvider? timeProvider)
        : base(connection, timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Provider => "sqlite";

    /// <inheritdoc />
    private protected override string ClaimSql =>
        "UPDATE trials SET state = 'running', started_at = @p1 " +
        "WHERE id = (SELECT id FROM trials WHERE study_id = @p0 AND state = 'waiting' ORDER BY number LIMIT 1) AND state = 'waiting' RETURNING id";

    /// <summary>Opens (creating and migrating if needed) the database file at <paramref name="path"/>.</summary>
    public static async Task<SqliteStudyStorage> OpenAsync(string path, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        // The experiment store owns the migrations of the whole file; open it once to bring the schema up to date.
        await (await SqliteExperimentStore.OpenAsync(path, cancellationToken)).DisposeAsync();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            ForeignKeys = true,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
            Mode = SqliteOpenMode.ReadWrite,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using SqliteCommand pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return new SqliteStudyStorage(connection, timeProvider);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    private protected override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <inheritdoc />
    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal);
}
