using System.Data.Common;
using Npgsql;
using Wnn.Search;

namespace Wnn.Storage;

/// <summary>
/// Studies in PostgreSQL, for workers on several machines. Claims use <c>FOR UPDATE SKIP LOCKED</c>, so concurrent
/// workers never wait on each other's claim and never get the same trial; statements are prepared automatically.
/// </summary>
public sealed class PostgresStudyStorage : SqlStudyStorage
{
    private PostgresStudyStorage(NpgsqlConnection connection, TimeProvider? timeProvider)
        : base(connection, timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Provider => "postgresql";

    /// <inheritdoc />
    private protected override string ClaimSql =>
        "UPDATE trials SET state = 'running', started_at = @p1 " +
        "WHERE id = (SELECT id FROM trials WHERE study_id = @p0 AND state = 'waiting' ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id";

    /// <summary>Connects with <paramref name="connectionString"/> and applies pending migrations.</summary>
    public static async Task<PostgresStudyStorage> OpenAsync(string connectionString, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await (await PostgresExperimentStore.OpenAsync(connectionString, cancellationToken)).DisposeAsync();
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 };
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new PostgresStudyStorage(connection, timeProvider);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    private protected override DbTransaction BeginWrite(DbConnection connection) =>
        connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);

    /// <inheritdoc />
    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
