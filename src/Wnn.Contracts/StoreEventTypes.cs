namespace Wnn.Contracts;

/// <summary>Names of the event types the store appends (the WebSocket message types).</summary>
public static class StoreEventTypes
{
    /// <summary>Data: the flow.</summary>
    public const string FlowCreated = nameof(FlowCreated);

    /// <summary>Data: the flow after an edit, queue, stop request or requeue.</summary>
    public const string FlowUpdated = nameof(FlowUpdated);

    /// <summary>Data: <c>{"id": …}</c>.</summary>
    public const string FlowDeleted = nameof(FlowDeleted);

    /// <summary>Data: the flow, claimed by a worker.</summary>
    public const string FlowStarted = nameof(FlowStarted);

    /// <summary>Data: the flow.</summary>
    public const string FlowCompleted = nameof(FlowCompleted);

    /// <summary>Data: <c>{"flow": …, "error": "…"}</c>.</summary>
    public const string FlowFailed = nameof(FlowFailed);

    /// <summary>Data: the flow, stopped on request.</summary>
    public const string FlowCancelled = nameof(FlowCancelled);

    /// <summary>Data: the experiment.</summary>
    public const string ExperimentCreated = nameof(ExperimentCreated);

    /// <summary>Data: the experiment, now running.</summary>
    public const string PhaseStarted = nameof(PhaseStarted);

    /// <summary>Data: <c>{"phase": experiment, "result": {status, full_data_ce, full_data_accuracy, iterations_run}}</c>.</summary>
    public const string PhaseCompleted = nameof(PhaseCompleted);

    /// <summary>Data: the iteration.</summary>
    public const string IterationUpdate = nameof(IterationUpdate);

    /// <summary>Data: the checkpoint.</summary>
    public const string CheckpointCreated = nameof(CheckpointCreated);

    /// <summary>Data: <c>{"id": …}</c>.</summary>
    public const string CheckpointDeleted = nameof(CheckpointDeleted);

    /// <summary>Data: the validation summary.</summary>
    public const string ValidationRecorded = nameof(ValidationRecorded);

    /// <summary>
    /// Data: the <see cref="StudyRecord"/> of a sweep or study whose trials changed (one started, finished or reported a
    /// value). Not stored in the event log: the server pushes it when it sees the study storage change; its id is 0.
    /// </summary>
    public const string StudyUpdated = nameof(StudyUpdated);
}
