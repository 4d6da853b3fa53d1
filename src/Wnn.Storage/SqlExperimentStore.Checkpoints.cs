using System.Data.Common;

namespace Wnn.Storage;

/// <summary>Checkpoints: registration of completely written files, listing, guarded deletion.</summary>
public abstract partial class SqlExperimentStore
{
    private const string CheckpointColumns =
        "id, experiment_id, name, file_path, file_size_bytes, created_at, final_fitness, final_accuracy, iterations_run, genome_stats_json, is_final, reference_count";

    /// <inheritdoc />
    public async Task<CheckpointRecord> CreateCheckpointAsync(NewCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint.FilePath);
        string path = Path.GetFullPath(checkpoint.FilePath);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"checkpoint file '{path}' does not exist; write the file completely before registering it", path);
        }

        try
        {
            return await WriteAsync(async (c, t) =>
            {
                if (await QuerySingleAsync(c, t, $"SELECT {CheckpointColumns} FROM checkpoints WHERE file_path = @path", MapCheckpoint,
                        cancellationToken, ("path", path)) is not null)
                {
                    throw new StoreConflictException($"checkpoint file '{path}' is already registered");
                }

                CheckpointRecord created = (await QuerySingleAsync(c, t,
                    "INSERT INTO checkpoints (experiment_id, name, file_path, file_size_bytes, created_at, final_fitness, final_accuracy, " +
                    "iterations_run, genome_stats_json, is_final, reference_count) VALUES (@experiment, @name, @path, @size, @now, @fitness, " +
                    $"@accuracy, @iterations, @stats, @final, 0) RETURNING {CheckpointColumns}",
                    MapCheckpoint, cancellationToken, ("experiment", checkpoint.ExperimentId), ("name", checkpoint.Name), ("path", path),
                    ("size", file.Length), ("now", Now()), ("fitness", checkpoint.FinalFitness), ("accuracy", checkpoint.FinalAccuracy),
                    ("iterations", checkpoint.IterationsRun), ("stats", checkpoint.GenomeStatsJson), ("final", checkpoint.IsFinal)))!;
                await AppendEventAsync(c, t, StoreEventTypes.CheckpointCreated, created, cancellationToken);
                return created;
            }, cancellationToken);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"checkpoint file '{path}' is already registered", ex);
        }
    }

    /// <inheritdoc />
    public Task<CheckpointRecord?> GetCheckpointAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(c => QuerySingleAsync(c, null, $"SELECT {CheckpointColumns} FROM checkpoints WHERE id = @id", MapCheckpoint, cancellationToken,
            ("id", id)), cancellationToken);

    /// <inheritdoc />
    public Task<CheckpointRecord?> GetCheckpointByPathAsync(string filePath, CancellationToken cancellationToken) =>
        ReadAsync(c => QuerySingleAsync(c, null, $"SELECT {CheckpointColumns} FROM checkpoints WHERE file_path = @path", MapCheckpoint,
            cancellationToken, ("path", Path.GetFullPath(filePath))), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CheckpointRecord>> ListCheckpointsAsync(bool finalOnly, long? experimentId, CancellationToken cancellationToken) =>
        ListCheckpointsAsync(finalOnly, experimentId, null, int.MaxValue, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CheckpointRecord>> ListCheckpointsAsync(
        bool finalOnly, long? experimentId, long? beforeId, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<CheckpointRecord>>(async c => await QueryAsync(c, null,
            $"SELECT {CheckpointColumns} FROM checkpoints WHERE {(finalOnly ? "is_final = @true" : "TRUE")} "
            + $"AND {(experimentId is null ? "TRUE" : "experiment_id = @experiment")} AND {(beforeId is null ? "TRUE" : "id < @before")} ORDER BY id DESC LIMIT @limit",
            MapCheckpoint, cancellationToken, ("true", true), ("experiment", experimentId), ("before", beforeId), ("limit", limit)), cancellationToken);

    /// <inheritdoc />
    public async Task<CheckpointDeleteResult> DeleteCheckpointAsync(long id, bool force, CancellationToken cancellationToken)
    {
        (CheckpointDeleteResult result, string? path) = await WriteAsync<(CheckpointDeleteResult, string?)>(async (c, t) =>
        {
            CheckpointRecord? checkpoint = await QuerySingleAsync(c, t, $"SELECT {CheckpointColumns} FROM checkpoints WHERE id = @id",
                MapCheckpoint, cancellationToken, ("id", id));
            if (checkpoint is null)
            {
                return (CheckpointDeleteResult.NotFound, null);
            }

            if (checkpoint.ReferenceCount > 0 && !force)
            {
                return (CheckpointDeleteResult.Referenced, null);
            }

            await ExecuteAsync(c, t, "UPDATE flows SET seed_checkpoint_id = NULL WHERE seed_checkpoint_id = @id", cancellationToken, ("id", id));
            await ExecuteAsync(c, t, "UPDATE validation_summaries SET checkpoint_id = NULL WHERE checkpoint_id = @id", cancellationToken, ("id", id));
            await ExecuteAsync(c, t, "DELETE FROM checkpoints WHERE id = @id", cancellationToken, ("id", id));
            await AppendEventAsync(c, t, StoreEventTypes.CheckpointDeleted, new { id }, cancellationToken);
            return (CheckpointDeleteResult.Deleted, checkpoint.FilePath);
        }, cancellationToken);

        // The row goes first: a crash in between leaves an unregistered file, never a row without its file.
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }

        return result;
    }

    private static CheckpointRecord MapCheckpoint(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        ExperimentId = NullableLong(r, 1),
        Name = r.GetString(2),
        FilePath = r.GetString(3),
        FileSizeBytes = r.GetInt64(4),
        CreatedAt = Utc(r, 5),
        FinalFitness = NullableDouble(r, 6),
        FinalAccuracy = NullableDouble(r, 7),
        IterationsRun = NullableInt(r, 8),
        GenomeStatsJson = NullableString(r, 9),
        IsFinal = r.GetBoolean(10),
        ReferenceCount = r.GetInt32(11),
    };
}
