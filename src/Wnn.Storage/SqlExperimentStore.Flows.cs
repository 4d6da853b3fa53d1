using System.Data.Common;

namespace Wnn.Storage;

/// <summary>Flows: creation, edits, queueing, claiming by workers, heartbeats and requeueing.</summary>
public abstract partial class SqlExperimentStore
{
    /// <summary>Column list every flow query selects, in the order <see cref="MapFlow"/> reads.</summary>
    protected const string FlowColumns =
        "id, name, description, config_json, status, created_at, started_at, completed_at, seed_checkpoint_id, worker_id, heartbeat_at, stop_requested, error";

    /// <inheritdoc />
    public Task<FlowRecord> CreateFlowAsync(NewFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (string.IsNullOrWhiteSpace(flow.Name))
        {
            throw new ArgumentException("flow name must not be empty", nameof(flow));
        }

        return WriteAsync(async (c, t) =>
        {
            if (flow.SeedCheckpointId is long seed)
            {
                int updated = await ExecuteAsync(c, t, "UPDATE checkpoints SET reference_count = reference_count + 1 WHERE id = @id",
                    cancellationToken, ("id", seed));
                if (updated == 0)
                {
                    throw new StoreConflictException($"seed checkpoint {seed} does not exist");
                }
            }

            FlowRecord created = (await QuerySingleAsync(c, t,
                "INSERT INTO flows (name, description, config_json, status, created_at, seed_checkpoint_id, stop_requested) " +
                $"VALUES (@name, @description, @config, 'pending', @now, @seed, @false) RETURNING {FlowColumns}",
                MapFlow, cancellationToken, ("name", flow.Name), ("description", flow.Description), ("config", flow.ConfigJson),
                ("now", Now()), ("seed", flow.SeedCheckpointId), ("false", false)))!;
            await AppendEventAsync(c, t, StoreEventTypes.FlowCreated, created, cancellationToken);
            return created;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FlowRecord?> GetFlowAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(c => QuerySingleAsync(c, null, $"SELECT {FlowColumns} FROM flows WHERE id = @id", MapFlow, cancellationToken, ("id", id)),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FlowRecord>> ListFlowsAsync(FlowStatus? status, CancellationToken cancellationToken) =>
        ListFlowsAsync(status, null, int.MaxValue, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FlowRecord>> ListFlowsAsync(FlowStatus? status, long? beforeId, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<FlowRecord>>(async c => await QueryAsync(c, null,
            $"SELECT {FlowColumns} FROM flows WHERE {(status is null ? "TRUE" : "status = @status")} AND {(beforeId is null ? "TRUE" : "id < @before")} "
            + "ORDER BY id DESC LIMIT @limit",
            MapFlow, cancellationToken, ("status", status?.ToName()), ("before", beforeId), ("limit", limit)), cancellationToken);

    /// <inheritdoc />
    public Task<FlowRecord?> UpdateFlowAsync(long id, FlowUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return WriteAsync(async (c, t) =>
        {
            FlowRecord? flow = await QuerySingleAsync(c, t, $"SELECT {FlowColumns} FROM flows WHERE id = @id", MapFlow, cancellationToken, ("id", id));
            if (flow is null)
            {
                return null;
            }

            if (flow.Status is FlowStatus.Running or FlowStatus.Queued)
            {
                throw new StoreConflictException($"flow {id} is {flow.Status.ToName()}; only pending, completed, failed or cancelled flows can be edited");
            }

            FlowRecord updated = (await QuerySingleAsync(c, t,
                $"UPDATE flows SET name = @name, description = @description, config_json = @config WHERE id = @id RETURNING {FlowColumns}",
                MapFlow, cancellationToken, ("id", id), ("name", update.Name ?? flow.Name), ("description", update.Description ?? flow.Description),
                ("config", update.ConfigJson ?? flow.ConfigJson)))!;
            await AppendEventAsync(c, t, StoreEventTypes.FlowUpdated, updated, cancellationToken);
            return updated;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteFlowAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            FlowRecord? flow = await QuerySingleAsync(c, t, $"SELECT {FlowColumns} FROM flows WHERE id = @id", MapFlow, cancellationToken, ("id", id));
            if (flow is null)
            {
                return false;
            }

            if (flow.Status == FlowStatus.Running)
            {
                throw new StoreConflictException($"flow {id} is running; stop it before deleting it");
            }

            if (flow.SeedCheckpointId is long seed)
            {
                await ExecuteAsync(c, t, "UPDATE checkpoints SET reference_count = reference_count - 1 WHERE id = @id AND reference_count > 0",
                    cancellationToken, ("id", seed));
            }

            await ExecuteAsync(c, t, "DELETE FROM flows WHERE id = @id", cancellationToken, ("id", id));
            await AppendEventAsync(c, t, StoreEventTypes.FlowDeleted, new { id }, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<FlowRecord?> QueueFlowAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            FlowRecord? flow = await QuerySingleAsync(c, t, $"SELECT {FlowColumns} FROM flows WHERE id = @id", MapFlow, cancellationToken, ("id", id));
            if (flow is null || flow.Status == FlowStatus.Queued)
            {
                return flow;
            }

            if (flow.Status == FlowStatus.Running)
            {
                throw new StoreConflictException($"flow {id} is running; stop it before queueing it again");
            }

            if (flow.Status == FlowStatus.Completed)
            {
                // Every experiment is done, so a worker would finish it at once without running anything.
                throw new StoreConflictException($"flow {id} is completed; to run it again create a new flow with its config "
                    + "(`wnn flow create`), or seed one from its final checkpoint (`wnn checkpoint seed ID`)");
            }

            FlowRecord queued = (await QuerySingleAsync(c, t,
                "UPDATE flows SET status = 'queued', completed_at = NULL, error = NULL, worker_id = NULL, stop_requested = @false " +
                $"WHERE id = @id RETURNING {FlowColumns}", MapFlow, cancellationToken, ("id", id), ("false", false)))!;
            await AppendEventAsync(c, t, StoreEventTypes.FlowUpdated, queued, cancellationToken);
            return queued;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<FlowRecord?> RequestStopAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            FlowRecord? flow = await QuerySingleAsync(c, t, $"SELECT {FlowColumns} FROM flows WHERE id = @id", MapFlow, cancellationToken, ("id", id));
            switch (flow?.Status)
            {
                case FlowStatus.Pending or FlowStatus.Queued:
                    FlowRecord cancelled = (await QuerySingleAsync(c, t,
                        $"UPDATE flows SET status = 'cancelled', completed_at = @now WHERE id = @id RETURNING {FlowColumns}",
                        MapFlow, cancellationToken, ("id", id), ("now", Now())))!;
                    await AppendEventAsync(c, t, StoreEventTypes.FlowCancelled, cancelled, cancellationToken);
                    return cancelled;
                case FlowStatus.Running when !flow.StopRequested:
                    FlowRecord stopping = (await QuerySingleAsync(c, t,
                        $"UPDATE flows SET stop_requested = @true WHERE id = @id RETURNING {FlowColumns}",
                        MapFlow, cancellationToken, ("id", id), ("true", true)))!;
                    await AppendEventAsync(c, t, StoreEventTypes.FlowUpdated, stopping, cancellationToken);
                    return stopping;
                default:
                    return flow;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task<FlowRecord?> ClaimNextQueuedFlowAsync(string workerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        return WriteAsync(async (c, t) =>
        {
            FlowRecord? claimed = await QuerySingleAsync(c, t, ClaimSql, MapFlow, cancellationToken, ("worker", workerId), ("now", Now()),
                ("false", false));
            if (claimed is not null)
            {
                await AppendEventAsync(c, t, StoreEventTypes.FlowStarted, claimed, cancellationToken);
            }

            return claimed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> FinishFlowAsync(long id, string workerId, FlowStatus status, string? error, CancellationToken cancellationToken)
    {
        if (status is not (FlowStatus.Completed or FlowStatus.Failed or FlowStatus.Cancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "a flow finishes as completed, failed or cancelled");
        }

        return WriteAsync(async (c, t) =>
        {
            FlowRecord? finished = await QuerySingleAsync(c, t,
                "UPDATE flows SET status = @status, completed_at = @now, error = @error, worker_id = NULL, stop_requested = @false " +
                $"WHERE id = @id AND worker_id = @worker AND status = 'running' RETURNING {FlowColumns}",
                MapFlow, cancellationToken, ("status", status.ToName()), ("now", Now()), ("error", error), ("id", id), ("worker", workerId),
                ("false", false));
            if (finished is null)
            {
                return false;
            }

            switch (status)
            {
                case FlowStatus.Completed:
                    await AppendEventAsync(c, t, StoreEventTypes.FlowCompleted, finished, cancellationToken);
                    break;
                case FlowStatus.Failed:
                    await AppendEventAsync(c, t, StoreEventTypes.FlowFailed, new { flow = finished, error = error ?? "" }, cancellationToken);
                    break;
                default:
                    await AppendEventAsync(c, t, StoreEventTypes.FlowCancelled, finished, cancellationToken);
                    break;
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseFlowAsync(long id, string workerId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            FlowRecord? released = await QuerySingleAsync(c, t,
                $"UPDATE flows SET status = 'queued', worker_id = NULL WHERE id = @id AND worker_id = @worker AND status = 'running' RETURNING {FlowColumns}",
                MapFlow, cancellationToken, ("id", id), ("worker", workerId));
            if (released is null)
            {
                return false;
            }

            await AppendEventAsync(c, t, StoreEventTypes.FlowUpdated, released, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> RequeueStaleFlowsAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        return WriteAsync<IReadOnlyList<long>>(async (c, t) =>
        {
            DateTime cutoff = Now() - grace;
            List<FlowRecord> stale = await QueryAsync(c, t,
                "UPDATE flows SET status = 'queued', worker_id = NULL " +
                $"WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < @cutoff) RETURNING {FlowColumns}",
                MapFlow, cancellationToken, ("cutoff", cutoff));
            foreach (FlowRecord flow in stale)
            {
                // The phase that was running when the worker died restarts from the flow's last completed phase.
                await ExecuteAsync(c, t, "UPDATE experiments SET status = 'cancelled', completed_at = @now WHERE flow_id = @id AND status = 'running'",
                    cancellationToken, ("id", flow.Id), ("now", Now()));
                await AppendEventAsync(c, t, StoreEventTypes.FlowUpdated, flow, cancellationToken);
            }

            await ExecuteAsync(c, t, "DELETE FROM workers WHERE heartbeat_at < @cutoff", cancellationToken, ("cutoff", cutoff));
            return stale.ConvertAll(f => f.Id);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkerRecord> RegisterWorkerAsync(string workerId, string hostname, int pid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        return WriteAsync(async (c, t) =>
        {
            DateTime now = Now();
            await ExecuteAsync(c, t, "DELETE FROM workers WHERE id = @id", cancellationToken, ("id", workerId));
            await ExecuteAsync(c, t, "INSERT INTO workers (id, hostname, pid, started_at, heartbeat_at) VALUES (@id, @host, @pid, @now, @now)",
                cancellationToken, ("id", workerId), ("host", hostname), ("pid", pid), ("now", now));
            return new WorkerRecord { Id = workerId, Hostname = hostname, Pid = pid, StartedAt = now, HeartbeatAt = now };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task HeartbeatAsync(string workerId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            DateTime now = Now();
            await ExecuteAsync(c, t, "UPDATE workers SET heartbeat_at = @now WHERE id = @id", cancellationToken, ("id", workerId), ("now", now));
            return await ExecuteAsync(c, t, "UPDATE flows SET heartbeat_at = @now WHERE worker_id = @id AND status = 'running'",
                cancellationToken, ("id", workerId), ("now", now));
        }, cancellationToken);

    /// <inheritdoc />
    public Task RemoveWorkerAsync(string workerId, CancellationToken cancellationToken) =>
        WriteAsync((c, t) => ExecuteAsync(c, t, "DELETE FROM workers WHERE id = @id", cancellationToken, ("id", workerId)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkerRecord>> ListWorkersAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<WorkerRecord>>(async c => await QueryAsync(c, null,
            "SELECT id, hostname, pid, started_at, heartbeat_at FROM workers ORDER BY started_at",
            r => new WorkerRecord { Id = r.GetString(0), Hostname = r.GetString(1), Pid = r.GetInt32(2), StartedAt = Utc(r, 3), HeartbeatAt = Utc(r, 4) },
            cancellationToken), cancellationToken);

    /// <summary>Maps a row selected with <see cref="FlowColumns"/>.</summary>
    protected static FlowRecord MapFlow(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        Description = NullableString(r, 2),
        ConfigJson = r.GetString(3),
        Status = StatusNames.ParseFlowStatus(r.GetString(4)),
        CreatedAt = Utc(r, 5),
        StartedAt = NullableUtc(r, 6),
        CompletedAt = NullableUtc(r, 7),
        SeedCheckpointId = NullableLong(r, 8),
        WorkerId = NullableString(r, 9),
        HeartbeatAt = NullableUtc(r, 10),
        StopRequested = r.GetBoolean(11),
        Error = NullableString(r, 12),
    };
}
