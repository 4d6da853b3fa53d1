using System.Data.Common;
using Npgsql;

namespace Wnn.Storage;

/// <summary>
/// The shared store for workers on several machines: PostgreSQL by connection string. Queue claims use
/// <c>FOR UPDATE SKIP LOCKED</c>; event inserts take a transaction-scoped advisory lock so event ids become
/// visible in id order and pollers never skip one.
/// </summary>
public sealed class PostgresExperimentStore : SqlExperimentStore
{
    private const long MigrationLockKey = 0x576E6E_4D6967; // "WnnMig"
    private const long EventLockKey = 0x576E6E_457674;     // "WnnEvt"
    private readonly NpgsqlDataSource _dataSource;

    private PostgresExperimentStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <inheritdoc />
    public override string Provider => "postgresql";

    /// <inheritdoc />
    public override string Location
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
            return $"postgresql://{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> Migrations => PostgresSchema.Migrations;

    /// <inheritdoc />
    protected override string ClaimSql =>
        "UPDATE flows SET status = 'running', worker_id = @worker, heartbeat_at = @now, started_at = COALESCE(started_at, @now), " +
        "stop_requested = @false, error = NULL " +
        "WHERE id = (SELECT id FROM flows WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) " +
        $"RETURNING {FlowColumns}";

    /// <summary>Connects with <paramref name="connectionString"/> and applies pending migrations.</summary>
    public static async Task<PostgresExperimentStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var store = new PostgresExperimentStore(NpgsqlDataSource.Create(connectionString));
        try
        {
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
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);

    /// <inheritdoc />
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        AdvisoryLockAsync(connection, transaction, MigrationLockKey, cancellationToken);

    /// <inheritdoc />
    protected override Task BeforeAppendEventAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        AdvisoryLockAsync(connection, transaction, EventLockKey, cancellationToken);

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task AdvisoryLockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({key})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
