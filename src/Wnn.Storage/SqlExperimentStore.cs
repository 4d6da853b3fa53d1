using System.Data.Common;

namespace Wnn.Storage;

/// <summary>
/// The <see cref="IExperimentStore"/> logic shared by the SQL providers: the same statements run on SQLite and
/// PostgreSQL; subclasses supply connections, write transactions, the schema and the queue-claim statement.
/// </summary>
public abstract partial class SqlExperimentStore : IExperimentStore
{
    /// <inheritdoc />
    public abstract string Provider { get; }

    /// <inheritdoc />
    public abstract string Location { get; }

    /// <inheritdoc />
    public virtual Task<StoreIntegrity> CheckIntegrityAsync(CancellationToken cancellationToken) => Task.FromResult(StoreIntegrity.Sound);

    /// <summary>Schema migrations in order; migration <c>i</c> brings the schema to version <c>i + 1</c>.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Opens a connection ready for use.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that holds the write lock from its start (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serializes migrations across processes inside <paramref name="transaction"/> (PostgreSQL: advisory lock).</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Runs just before an event row is inserted; PostgreSQL takes a lock so event ids commit in order.</summary>
    protected virtual Task BeforeAppendEventAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// The statement that marks the oldest queued flow running for <c>@worker</c> at <c>@now</c> and returns it,
    /// such that concurrent executions never return the same flow.
    /// </summary>
    protected abstract string ClaimSql { get; }

    /// <summary>True when <paramref name="exception"/> is a unique-constraint violation.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Applies pending migrations; safe to call from several processes at once.</summary>
    protected async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await OpenConnectionAsync(cancellationToken);
        await using DbTransaction transaction = await BeginWriteAsync(connection, cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", cancellationToken);
        object? current = await ScalarAsync(connection, transaction, "SELECT MAX(version) FROM schema_version", cancellationToken);
        int version = current is null or DBNull ? 0 : Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture);
        for (int i = version; i < Migrations.Count; i++)
        {
            await ExecuteAsync(connection, transaction, Migrations[i], cancellationToken);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)",
                cancellationToken, ("v", i + 1), ("at", Now().ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await OpenConnectionAsync(cancellationToken);
        object? value = await ScalarAsync(connection, null, "SELECT MAX(version) FROM schema_version", cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>The current time in UTC, truncated to microseconds (the precision both databases keep).</summary>
    protected static DateTime Now()
    {
        long ticks = DateTime.UtcNow.Ticks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }

    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await OpenConnectionAsync(cancellationToken);
        await using DbTransaction transaction = await BeginWriteAsync(connection, cancellationToken);
        T result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await OpenConnectionAsync(cancellationToken);
        return await work(connection);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Statements are constants of this class; values always go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static async Task<T?> QuerySingleAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
        where T : class
    {
        List<T> rows = await QueryAsync(connection, transaction, sql, map, cancellationToken, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    private static DateTime Utc(DbDataReader reader, int ordinal)
    {
        // SQLite keeps timestamps as text; parsing the fixed layout directly is much cheaper than the provider's general parse.
        if (reader.GetFieldType(ordinal) == typeof(string))
        {
            string text = reader.GetString(ordinal);
            return StoredTimestamp.TryParse(text, out DateTime parsed)
                ? parsed
                : DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        }

        return DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
    }

    private static DateTime? NullableUtc(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Utc(reader, ordinal);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? NullableLong(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
