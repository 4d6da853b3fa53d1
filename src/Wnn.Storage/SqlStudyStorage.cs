using System.Data.Common;
using Wnn.Search;

namespace Wnn.Storage;

/// <summary>
/// The <see cref="IStudyStorage"/> logic shared by the SQL providers. One instance keeps one open connection (used under a
/// lock, so threads of one process take turns) and reuses one command object per statement. Writes that touch several rows
/// run in one write transaction; claims are atomic across processes (the subclass supplies the claim statement).
/// Trials this instance created or claimed, and finished trials, are served from a cache: the first are changed only
/// through this instance (another process can only fail them as stale, which <see cref="FinishTrial"/> then reports),
/// the second are frozen. Attributes set on a finished trial by another process are not seen by a cached copy.
/// </summary>
public abstract partial class SqlStudyStorage : IStudyStorage, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly DbConnection _connection;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<long, FrozenTrial> _cache = [];
    private readonly Dictionary<string, ParameterDistribution> _distributions = new(StringComparer.Ordinal);
    private readonly List<(string Sql, object?[] Args)> _pending = [];
    private DbTransaction? _transaction;
    private bool _disposed;

    /// <summary>Wraps an open connection to a migrated database; the clock (default: system) stamps starts, finishes and heartbeats.</summary>
    private protected SqlStudyStorage(DbConnection connection, TimeProvider? timeProvider)
    {
        _connection = connection;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>"sqlite" or "postgresql".</summary>
    public abstract string Provider { get; }

    /// <summary>
    /// Marks the oldest waiting trial of study <c>@p0</c> running from <c>@p1</c> and returns its id, such that concurrent
    /// executions (in any process) never return the same trial.
    /// </summary>
    private protected abstract string ClaimSql { get; }

    /// <summary>Begins a transaction that holds the write lock from its start (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    private protected abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>True when <paramref name="exception"/> is a unique-constraint violation.</summary>
    private protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Called once the connection is closed, e.g. to release pooled file handles.</summary>
    private protected virtual void AfterClose()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                Flush();
            }
            catch (DbException)
            {
                // Best effort: the trial is still Running in the database and is failed as stale later.
            }

            _disposed = true;
            foreach (DbCommand command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            _connection.Dispose();
            AfterClose();
        }

        GC.SuppressFinalize(this);
    }

    private DateTime Now()
    {
        long ticks = _time.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }

    private T Write<T>(Func<T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _transaction = BeginWrite(_connection);
        try
        {
            T result = work();
            _transaction.Commit();
            return result;
        }
        catch
        {
            _transaction.Rollback();
            throw;
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }
    }

    /// <summary>
    /// Changes to a trial this instance is running are kept in memory and written at the next flush point (its finish, its
    /// heartbeat, any read of trials from the database, stale-trial checks, dispose), all in one transaction: one commit
    /// per trial instead of one per suggested parameter. With heartbeats on, a killed worker loses at most the changes
    /// of its last heartbeat interval. Other writes go straight to the database.
    /// </summary>
    private int ExecuteOrDefer(long trialId, string sql, params object?[] args)
    {
        if (_cache.TryGetValue(trialId, out FrozenTrial? trial) && trial.State == TrialState.Running)
        {
            _pending.Add((sql, args));
            return 1;
        }

        return Execute(sql, args);
    }

    /// <summary>Runs the deferred writes inside the current write transaction (kept for a retry when it fails).</summary>
    private void RunPending()
    {
        ExecuteBatch(_pending);
        _pending.Clear();
    }

    /// <summary>Runs statements in order, as one batch (one round trip) when the provider supports it; returns the rows the last one changed.</summary>
    private int ExecuteBatch(List<(string Sql, object?[] Args)> statements)
    {
        if (statements.Count == 0)
        {
            return 0;
        }

        if (statements.Count == 1 || !_connection.CanCreateBatch)
        {
            int rows = 0;
            foreach ((string sql, object?[] args) in statements)
            {
                rows = Execute(sql, args);
            }

            return rows;
        }

        using DbBatch batch = _connection.CreateBatch();
        batch.Transaction = _transaction;
        foreach ((string sql, object?[] args) in statements)
        {
            DbBatchCommand command = batch.CreateBatchCommand();
#pragma warning disable CA2100 // Statements are constants of this class; values always go through parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            for (int i = 0; i < args.Length; i++)
            {
                DbParameter parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameter.Value = args[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        batch.ExecuteNonQuery();
        return batch.BatchCommands[^1].RecordsAffected;
    }

    private void Flush()
    {
        if (_pending.Count > 0)
        {
            Write(() =>
            {
                RunPending();
                return 0;
            });
        }
    }

    private DbCommand Command(string sql, object?[] args)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_commands.TryGetValue(sql, out DbCommand? command))
        {
            command = _connection.CreateCommand();
#pragma warning disable CA2100 // Statements are constants of this class; values always go through parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        for (int i = command.Parameters.Count; i < args.Length; i++)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }

        for (int i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return command;
    }

    private int Execute(string sql, params object?[] args) => Command(sql, args).ExecuteNonQuery();

    private object? Scalar(string sql, params object?[] args)
    {
        object? value = Command(sql, args).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private List<T> Query<T>(string sql, Func<DbDataReader, T> map, params object?[] args)
    {
        using DbDataReader reader = Command(sql, args).ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static long ToLong(object value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        if (reader.GetFieldType(ordinal) == typeof(string))
        {
            string text = reader.GetString(ordinal);
            return StoredTimestamp.TryParse(text, out DateTime parsed)
                ? new DateTimeOffset(parsed)
                : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
    }

    private static DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    private static double ReadValue(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);

    private static object? StoredValue(double value) => double.IsNaN(value) ? null : value;

    private static string StateName(TrialState state) => state switch
    {
        TrialState.Waiting => "waiting",
        TrialState.Running => "running",
        TrialState.Complete => "complete",
        TrialState.Pruned => "pruned",
        TrialState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown trial state."),
    };

    private static TrialState ParseState(string name) => name switch
    {
        "waiting" => TrialState.Waiting,
        "running" => TrialState.Running,
        "complete" => TrialState.Complete,
        "pruned" => TrialState.Pruned,
        "failed" => TrialState.Failed,
        _ => throw new FormatException($"Unknown trial state '{name}' in the database."),
    };

    private ParameterDistribution Distribution(string json)
    {
        if (!_distributions.TryGetValue(json, out ParameterDistribution? distribution))
        {
            distribution = StudyJson.ParseDistribution(json);
            _distributions[json] = distribution;
        }

        return distribution;
    }
}
