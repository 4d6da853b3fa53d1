namespace Wnn.Storage;

/// <summary>
/// The experiments database: flows, experiments, iterations, checkpoints, validation summaries, workers
/// and the event log. Every mutation appends an event in the same transaction, so readers in any process
/// can follow changes by polling <see cref="ListEventsAsync"/> with the last id they saw.
/// Implementations are thread-safe and may be shared by several processes on the same database.
/// </summary>
public interface IExperimentStore : IAsyncDisposable
{
    /// <summary>Short provider name: <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    /// <summary>Schema version after migrations.</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>A quick integrity check of the database (SQLite <c>PRAGMA quick_check</c>); sound when the provider has none.</summary>
    Task<StoreIntegrity> CheckIntegrityAsync(CancellationToken cancellationToken);

    /// <summary>Where the data lives, for messages: the SQLite file, or the PostgreSQL host and database.</summary>
    string Location { get; }

    /// <summary>Creates a pending flow; increments the seed checkpoint's reference count.</summary>
    Task<FlowRecord> CreateFlowAsync(NewFlow flow, CancellationToken cancellationToken);

    /// <summary>The flow, or null.</summary>
    Task<FlowRecord?> GetFlowAsync(long id, CancellationToken cancellationToken);

    /// <summary>Flows, newest first, optionally filtered by status.</summary>
    Task<IReadOnlyList<FlowRecord>> ListFlowsAsync(FlowStatus? status, CancellationToken cancellationToken);

    /// <summary>One page of flows, newest first: at most <paramref name="limit"/> with an id below <paramref name="beforeId"/> (null = from the newest).</summary>
    Task<IReadOnlyList<FlowRecord>> ListFlowsAsync(FlowStatus? status, long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Edits name, description or config of a flow that is not running; null if missing.</summary>
    Task<FlowRecord?> UpdateFlowAsync(long id, FlowUpdate update, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the experiments of sequence ≥ <paramref name="sequence"/> of a flow that is not queued or running, with their
    /// checkpoint rows (refused while one seeded another flow), and sets its config when given; null if missing.
    /// </summary>
    Task<FlowRecord?> ResetFlowAsync(long id, int sequence, string? configJson, CancellationToken cancellationToken);

    /// <summary>Deletes a flow that is not running, with its experiments; false if missing.</summary>
    Task<bool> DeleteFlowAsync(long id, CancellationToken cancellationToken);

    /// <summary>Queues a pending, failed or cancelled flow (a completed one is a <see cref="StoreConflictException"/>); null if missing.</summary>
    Task<FlowRecord?> QueueFlowAsync(long id, CancellationToken cancellationToken);

    /// <summary>Stops a flow: a queued one is cancelled at once, a running one gets a stop request its worker honours.</summary>
    Task<FlowRecord?> RequestStopAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically claims the oldest queued flow for <paramref name="workerId"/> and marks it running;
    /// each queued flow is returned to exactly one claimer across processes. Null when none is queued.
    /// </summary>
    Task<FlowRecord?> ClaimNextQueuedFlowAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Marks a running flow of this worker completed, failed or cancelled; false if the worker no longer owns it.</summary>
    Task<bool> FinishFlowAsync(long id, string workerId, FlowStatus status, string? error, CancellationToken cancellationToken);

    /// <summary>Gives a running flow back to the queue (worker shutting down); false if the worker no longer owns it.</summary>
    Task<bool> ReleaseFlowAsync(long id, string workerId, CancellationToken cancellationToken);

    /// <summary>Requeues running flows whose worker has not heart-beaten within <paramref name="grace"/>; returns their ids.</summary>
    Task<IReadOnlyList<long>> RequeueStaleFlowsAsync(TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Registers (or re-registers) a worker.</summary>
    Task<WorkerRecord> RegisterWorkerAsync(string workerId, string hostname, int pid, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat of the worker and of the flows it runs.</summary>
    Task HeartbeatAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Removes a worker row (clean shutdown).</summary>
    Task RemoveWorkerAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Registered workers.</summary>
    Task<IReadOnlyList<WorkerRecord>> ListWorkersAsync(CancellationToken cancellationToken);

    /// <summary>Creates a pending experiment.</summary>
    Task<ExperimentRecord> CreateExperimentAsync(NewExperiment experiment, CancellationToken cancellationToken);

    /// <summary>The experiment, or null.</summary>
    Task<ExperimentRecord?> GetExperimentAsync(long id, CancellationToken cancellationToken);

    /// <summary>Experiments of a flow in sequence order, or all experiments newest first when <paramref name="flowId"/> is null.</summary>
    Task<IReadOnlyList<ExperimentRecord>> ListExperimentsAsync(long? flowId, CancellationToken cancellationToken);

    /// <summary>One page of all experiments, newest first: at most <paramref name="limit"/> with an id below <paramref name="beforeId"/>.</summary>
    Task<IReadOnlyList<ExperimentRecord>> ListExperimentsAsync(long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Marks an experiment running (event <c>PhaseStarted</c>).</summary>
    Task<ExperimentRecord> StartExperimentAsync(long id, CancellationToken cancellationToken);

    /// <summary>Records an experiment's outcome (event <c>PhaseCompleted</c>).</summary>
    Task<ExperimentRecord> CompleteExperimentAsync(long id, ExperimentResult result, CancellationToken cancellationToken);

    /// <summary>Appends an iteration and updates the experiment's best values (event <c>IterationUpdate</c>).</summary>
    Task<IterationRecord> AddIterationAsync(IterationRecord iteration, CancellationToken cancellationToken);

    /// <summary>Iterations of an experiment in order, after iteration number <paramref name="afterIteration"/>.</summary>
    Task<IReadOnlyList<IterationRecord>> ListIterationsAsync(long experimentId, int afterIteration, CancellationToken cancellationToken);

    /// <summary>Registers an existing, completely written checkpoint file (event <c>CheckpointCreated</c>).</summary>
    Task<CheckpointRecord> CreateCheckpointAsync(NewCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>The checkpoint, or null.</summary>
    Task<CheckpointRecord?> GetCheckpointAsync(long id, CancellationToken cancellationToken);

    /// <summary>The checkpoint registered for a file path, or null.</summary>
    Task<CheckpointRecord?> GetCheckpointByPathAsync(string filePath, CancellationToken cancellationToken);

    /// <summary>Checkpoints newest first, optionally only final ones or those of one experiment.</summary>
    Task<IReadOnlyList<CheckpointRecord>> ListCheckpointsAsync(bool finalOnly, long? experimentId, CancellationToken cancellationToken);

    /// <summary>One page of checkpoints, newest first: at most <paramref name="limit"/> with an id below <paramref name="beforeId"/>.</summary>
    Task<IReadOnlyList<CheckpointRecord>> ListCheckpointsAsync(bool finalOnly, long? experimentId, long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes a checkpoint row and its file; refused while referenced unless <paramref name="force"/>.</summary>
    Task<CheckpointDeleteResult> DeleteCheckpointAsync(long id, bool force, CancellationToken cancellationToken);

    /// <summary>Records a validation summary.</summary>
    Task<ValidationSummaryRecord> AddValidationSummaryAsync(ValidationSummaryRecord summary, CancellationToken cancellationToken);

    /// <summary>Validation summaries of a flow or an experiment (both null: all).</summary>
    Task<IReadOnlyList<ValidationSummaryRecord>> ListValidationSummariesAsync(long? flowId, long? experimentId, CancellationToken cancellationToken);

    /// <summary>Events with id greater than <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoreEvent>> ListEventsAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Id of the newest event, 0 when there is none.</summary>
    Task<long> GetLastEventIdAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A text that changes whenever a listed row may have changed: the newest event id (every change appends an event,
    /// ids commit in order) and, with <paramref name="flowHeartbeats"/>, each running flow's heartbeat (written without
    /// an event). Read with one connection, so a list cache pays one round trip for it.
    /// </summary>
    Task<string> GetChangeStampAsync(bool flowHeartbeats, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes events older than <paramref name="olderThan"/> beyond the newest <paramref name="keep"/> (at least one is
    /// always kept, so ids never go back); returns how many were deleted. Clients resync from a snapshot, so old events are
    /// not needed.
    /// </summary>
    Task<int> PruneEventsAsync(int keep, TimeSpan olderThan, CancellationToken cancellationToken);
}
