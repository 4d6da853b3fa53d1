using System.Data.Common;

namespace Wnn.Storage;

/// <summary>The event log: appended inside every mutating transaction, read by id.</summary>
public abstract partial class SqlExperimentStore
{
    private const string EventColumns = "id, created_at, type, payload_json";

    private async Task AppendEventAsync<T>(DbConnection connection, DbTransaction transaction, string type, T payload, CancellationToken cancellationToken)
    {
        await BeforeAppendEventAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, "INSERT INTO events (created_at, type, payload_json) VALUES (@at, @type, @payload)",
            cancellationToken, ("at", Now()), ("type", type), ("payload", StoreJson.Serialize(payload)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoreEvent>> ListEventsAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<StoreEvent>>(async connection => await QueryAsync(connection, null,
            $"SELECT {EventColumns} FROM events WHERE id > @after ORDER BY id LIMIT @limit", MapEvent, cancellationToken,
            ("after", afterId), ("limit", limit)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> GetLastEventIdAsync(CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            object? value = await ScalarAsync(connection, null, "SELECT MAX(id) FROM events", cancellationToken);
            return value is null or DBNull ? 0L : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<string> GetChangeStampAsync(bool flowHeartbeats, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            object? value = await ScalarAsync(connection, null, "SELECT MAX(id) FROM events", cancellationToken);
            var stamp = new System.Text.StringBuilder(value is null or DBNull ? "0" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            if (flowHeartbeats)
            {
                foreach ((long id, DateTime? beat) in await QueryAsync(connection, null,
                    "SELECT id, heartbeat_at FROM flows WHERE status = 'running' ORDER BY id", r => (r.GetInt64(0), NullableUtc(r, 1)), cancellationToken))
                {
                    stamp.Append(System.Globalization.CultureInfo.InvariantCulture, $";{id}@{beat?.Ticks}");
                }
            }

            return stamp.ToString();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneEventsAsync(int keep, TimeSpan olderThan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        return WriteAsync(async (c, t) =>
        {
            object? max = await ScalarAsync(c, t, "SELECT MAX(id) FROM events", cancellationToken);
            if (max is null or DBNull)
            {
                return 0;
            }

            long below = Convert.ToInt64(max, System.Globalization.CultureInfo.InvariantCulture) - keep + 1;
            return await ExecuteAsync(c, t, "DELETE FROM events WHERE id < @below AND created_at < @cutoff", cancellationToken,
                ("below", below), ("cutoff", Now() - olderThan));
        }, cancellationToken);
    }

    private static StoreEvent MapEvent(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        CreatedAt = Utc(r, 1),
        Type = r.GetString(2),
        PayloadJson = r.GetString(3),
    };
}
