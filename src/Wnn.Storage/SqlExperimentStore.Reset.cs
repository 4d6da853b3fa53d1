namespace Wnn.Storage;

/// <summary>Resetting a flow to a phase: what <c>wnn flow restart --from PHASE</c> does before requeueing it.</summary>
public abstract partial class SqlExperimentStore
{
    /// <inheritdoc />
    public Task<FlowRecord?> ResetFlowAsync(long id, int sequence, string? configJson, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return WriteAsync(async (c, t) =>
        {
            FlowRecord? flow = await QuerySingleAsync(c, t, $"SELECT {FlowColumns} FROM flows WHERE id = @id", MapFlow, cancellationToken, ("id", id));
            if (flow is null)
            {
                return null;
            }

            if (flow.Status is FlowStatus.Running or FlowStatus.Queued)
            {
                throw new StoreConflictException($"flow {id} is {flow.Status.ToName()}; stop it before restarting it from a phase");
            }

            const string Later = "SELECT id FROM experiments WHERE flow_id = @flow AND sequence >= @sequence";
            List<(long Id, long References)> checkpoints = await QueryAsync(c, t,
                $"SELECT id, reference_count FROM checkpoints WHERE experiment_id IN ({Later}) ORDER BY id",
                r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken, ("flow", id), ("sequence", sequence));
            if (checkpoints.Where(k => k.References > 0).Select(k => k.Id).ToList() is { Count: > 0 } referenced)
            {
                // Their files would be overwritten by the rerun, changing the seed of the flows made from them.
                throw new StoreConflictException(
                    $"flow {id}: checkpoint{(referenced.Count == 1 ? "" : "s")} {string.Join(", ", referenced)} of the phases to run again seeded other flows; "
                    + "duplicate the flow and run the copy instead");
            }

            foreach ((long checkpoint, _) in checkpoints)
            {
                await ExecuteAsync(c, t, "DELETE FROM checkpoints WHERE id = @id", cancellationToken, ("id", checkpoint));
                await AppendEventAsync(c, t, StoreEventTypes.CheckpointDeleted, new { id = checkpoint }, cancellationToken);
            }

            await ExecuteAsync(c, t, "DELETE FROM experiments WHERE flow_id = @flow AND sequence >= @sequence", cancellationToken,
                ("flow", id), ("sequence", sequence));
            FlowRecord updated = (await QuerySingleAsync(c, t,
                "UPDATE flows SET config_json = @config, completed_at = NULL, status = CASE WHEN status = 'completed' THEN 'pending' ELSE status END "
                + $"WHERE id = @id RETURNING {FlowColumns}", MapFlow, cancellationToken,
                ("id", id), ("config", configJson ?? flow.ConfigJson)))!;
            await AppendEventAsync(c, t, StoreEventTypes.FlowUpdated, updated, cancellationToken);
            return updated;
        }, cancellationToken);
    }
}
