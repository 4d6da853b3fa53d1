using System.Data.Common;

namespace Wnn.Storage;

/// <summary>Experiments, their iterations and validation summaries.</summary>
public abstract partial class SqlExperimentStore
{
    private const string ExperimentColumns =
        "id, flow_id, sequence, name, phase_key, kind, dimension, status, created_at, started_at, completed_at, best_fitness, best_accuracy, iterations_run, config_json, train_part_best_ce, train_part_best_accuracy";

    private const string IterationColumns =
        "id, experiment_id, iteration, best_ce, mean_ce, best_accuracy, mean_accuracy, threshold, patience_counter, elapsed_seconds, created_at";

    private const string ValidationColumns = "id, flow_id, experiment_id, checkpoint_id, split, ce, accuracy, created_at";

    /// <inheritdoc />
    public Task<ExperimentRecord> CreateExperimentAsync(NewExperiment experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return WriteAsync(async (c, t) =>
        {
            ExperimentRecord created = (await QuerySingleAsync(c, t,
                "INSERT INTO experiments (flow_id, sequence, name, phase_key, kind, dimension, status, created_at, iterations_run, config_json) " +
                $"VALUES (@flow, @sequence, @name, @phase, @kind, @dimension, 'pending', @now, 0, @config) RETURNING {ExperimentColumns}",
                MapExperiment, cancellationToken, ("flow", experiment.FlowId), ("sequence", experiment.Sequence), ("name", experiment.Name),
                ("phase", experiment.PhaseKey), ("kind", experiment.Kind), ("dimension", experiment.Dimension), ("now", Now()),
                ("config", experiment.ConfigJson)))!;
            await AppendEventAsync(c, t, StoreEventTypes.ExperimentCreated, created, cancellationToken);
            return created;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExperimentRecord?> GetExperimentAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(c => QuerySingleAsync(c, null, $"SELECT {ExperimentColumns} FROM experiments WHERE id = @id", MapExperiment, cancellationToken,
            ("id", id)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> ListExperimentsAsync(long? flowId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ExperimentRecord>>(async c => flowId is long flow
            ? await QueryAsync(c, null, $"SELECT {ExperimentColumns} FROM experiments WHERE flow_id = @flow ORDER BY sequence, id",
                MapExperiment, cancellationToken, ("flow", flow))
            : await QueryAsync(c, null, $"SELECT {ExperimentColumns} FROM experiments ORDER BY id DESC", MapExperiment, cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> ListExperimentsAsync(long? beforeId, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ExperimentRecord>>(async c => await QueryAsync(c, null,
            $"SELECT {ExperimentColumns} FROM experiments WHERE {(beforeId is null ? "TRUE" : "id < @before")} ORDER BY id DESC LIMIT @limit", MapExperiment,
            cancellationToken, ("before", beforeId), ("limit", limit)), cancellationToken);

    /// <inheritdoc />
    public Task<ExperimentRecord> StartExperimentAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(async (c, t) =>
        {
            ExperimentRecord started = await QuerySingleAsync(c, t,
                $"UPDATE experiments SET status = 'running', started_at = @now WHERE id = @id RETURNING {ExperimentColumns}",
                MapExperiment, cancellationToken, ("id", id), ("now", Now()))
                ?? throw new StoreConflictException($"experiment {id} does not exist");
            await AppendEventAsync(c, t, StoreEventTypes.PhaseStarted, started, cancellationToken);
            return started;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ExperimentRecord> CompleteExperimentAsync(long id, ExperimentResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WriteAsync(async (c, t) =>
        {
            ExperimentRecord completed = await QuerySingleAsync(c, t,
                "UPDATE experiments SET status = @status, completed_at = @now, best_fitness = @fitness, best_accuracy = @accuracy, " +
                $"iterations_run = @iterations WHERE id = @id RETURNING {ExperimentColumns}",
                MapExperiment, cancellationToken, ("id", id), ("now", Now()), ("status", result.Status.ToName()), ("fitness", result.FullDataCe),
                ("accuracy", result.FullDataAccuracy), ("iterations", result.IterationsRun))
                ?? throw new StoreConflictException($"experiment {id} does not exist");
            await AppendEventAsync(c, t, StoreEventTypes.PhaseCompleted, new { phase = completed, result }, cancellationToken);
            return completed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IterationRecord> AddIterationAsync(IterationRecord iteration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(iteration);
        return WriteAsync(async (c, t) =>
        {
            IterationRecord added = (await QuerySingleAsync(c, t,
                "INSERT INTO iterations (experiment_id, iteration, best_ce, mean_ce, best_accuracy, mean_accuracy, threshold, patience_counter, " +
                "elapsed_seconds, created_at) VALUES (@experiment, @iteration, @best_ce, @mean_ce, @best_acc, @mean_acc, @threshold, @patience, " +
                $"@elapsed, @now) RETURNING {IterationColumns}",
                MapIteration, cancellationToken, ("experiment", iteration.ExperimentId), ("iteration", iteration.Iteration),
                ("best_ce", iteration.BestCe), ("mean_ce", iteration.MeanCe), ("best_acc", iteration.BestAccuracy),
                ("mean_acc", iteration.MeanAccuracy), ("threshold", iteration.Threshold), ("patience", iteration.PatienceCounter),
                ("elapsed", iteration.ElapsedSeconds), ("now", Now())))!;
            await ExecuteAsync(c, t,
                "UPDATE experiments SET " +
                "iterations_run = CASE WHEN iterations_run < @iteration THEN @iteration ELSE iterations_run END, " +
                "train_part_best_ce = CASE WHEN train_part_best_ce IS NULL OR train_part_best_ce > @best_ce THEN @best_ce ELSE train_part_best_ce END, " +
                "train_part_best_accuracy = CASE WHEN @has_acc = 0 THEN train_part_best_accuracy WHEN train_part_best_accuracy IS NULL " +
                "OR train_part_best_accuracy < @best_acc THEN @best_acc ELSE train_part_best_accuracy END WHERE id = @experiment",
                cancellationToken, ("experiment", iteration.ExperimentId), ("iteration", iteration.Iteration), ("best_ce", iteration.BestCe),
                ("best_acc", iteration.BestAccuracy ?? 0.0), ("has_acc", iteration.BestAccuracy.HasValue ? 1 : 0));
            await AppendEventAsync(c, t, StoreEventTypes.IterationUpdate, added, cancellationToken);
            return added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IterationRecord>> ListIterationsAsync(long experimentId, int afterIteration, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<IterationRecord>>(async c => await QueryAsync(c, null,
            $"SELECT {IterationColumns} FROM iterations WHERE experiment_id = @experiment AND iteration > @after ORDER BY iteration, id",
            MapIteration, cancellationToken, ("experiment", experimentId), ("after", afterIteration)), cancellationToken);

    /// <inheritdoc />
    public Task<ValidationSummaryRecord> AddValidationSummaryAsync(ValidationSummaryRecord summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return WriteAsync(async (c, t) =>
        {
            ValidationSummaryRecord added = (await QuerySingleAsync(c, t,
                "INSERT INTO validation_summaries (flow_id, experiment_id, checkpoint_id, split, ce, accuracy, created_at) " +
                $"VALUES (@flow, @experiment, @checkpoint, @split, @ce, @accuracy, @now) RETURNING {ValidationColumns}",
                MapValidation, cancellationToken, ("flow", summary.FlowId), ("experiment", summary.ExperimentId), ("checkpoint", summary.CheckpointId),
                ("split", summary.Split), ("ce", summary.Ce), ("accuracy", summary.Accuracy), ("now", Now())))!;
            await AppendEventAsync(c, t, StoreEventTypes.ValidationRecorded, added, cancellationToken);
            return added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ValidationSummaryRecord>> ListValidationSummariesAsync(long? flowId, long? experimentId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ValidationSummaryRecord>>(async c => (flowId, experimentId) switch
        {
            (long f, _) => await QueryAsync(c, null, $"SELECT {ValidationColumns} FROM validation_summaries WHERE flow_id = @f ORDER BY id",
                MapValidation, cancellationToken, ("f", f)),
            (null, long e) => await QueryAsync(c, null, $"SELECT {ValidationColumns} FROM validation_summaries WHERE experiment_id = @e ORDER BY id",
                MapValidation, cancellationToken, ("e", e)),
            _ => await QueryAsync(c, null, $"SELECT {ValidationColumns} FROM validation_summaries ORDER BY id", MapValidation, cancellationToken),
        }, cancellationToken);

    private static ExperimentRecord MapExperiment(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        FlowId = NullableLong(r, 1),
        Sequence = r.GetInt32(2),
        Name = r.GetString(3),
        PhaseKey = r.GetString(4),
        Kind = r.GetString(5),
        Dimension = r.GetString(6),
        Status = StatusNames.ParseExperimentStatus(r.GetString(7)),
        CreatedAt = Utc(r, 8),
        StartedAt = NullableUtc(r, 9),
        CompletedAt = NullableUtc(r, 10),
        FullDataCe = NullableDouble(r, 11),
        FullDataAccuracy = NullableDouble(r, 12),
        IterationsRun = r.GetInt32(13),
        ConfigJson = r.GetString(14),
        TrainPartBestCe = NullableDouble(r, 15),
        TrainPartBestAccuracy = NullableDouble(r, 16),
    };

    private static IterationRecord MapIteration(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        ExperimentId = r.GetInt64(1),
        Iteration = r.GetInt32(2),
        BestCe = r.GetDouble(3),
        MeanCe = NullableDouble(r, 4),
        BestAccuracy = NullableDouble(r, 5),
        MeanAccuracy = NullableDouble(r, 6),
        Threshold = NullableDouble(r, 7),
        PatienceCounter = NullableInt(r, 8),
        ElapsedSeconds = r.GetDouble(9),
        CreatedAt = Utc(r, 10),
    };

    private static ValidationSummaryRecord MapValidation(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        FlowId = NullableLong(r, 1),
        ExperimentId = NullableLong(r, 2),
        CheckpointId = NullableLong(r, 3),
        Split = r.GetString(4),
        Ce = r.GetDouble(5),
        Accuracy = r.GetDouble(6),
        CreatedAt = Utc(r, 7),
    };
}
