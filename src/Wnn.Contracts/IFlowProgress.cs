namespace Wnn.Contracts;

/// <summary>The sink a <see cref="IFlowExecutor"/> reports to; every call is persisted and becomes a pushed event.</summary>
public interface IFlowProgress
{
    /// <summary>The flow being executed, as claimed.</summary>
    FlowRecord Flow { get; }

    /// <summary>Directory (existing) where this flow's checkpoint files belong.</summary>
    string CheckpointDirectory { get; }

    /// <summary>Experiments already recorded for this flow, in sequence order (to resume after a requeue).</summary>
    Task<IReadOnlyList<ExperimentRecord>> GetExperimentsAsync(CancellationToken cancellationToken);

    /// <summary>The seed checkpoint of the flow, or null.</summary>
    Task<CheckpointRecord?> GetSeedCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Creates an experiment of this flow and marks it running (event <c>PhaseStarted</c>).</summary>
    Task<ExperimentRecord> StartExperimentAsync(NewExperiment experiment, CancellationToken cancellationToken);

    /// <summary>Records one GA generation or TS iteration (event <c>IterationUpdate</c>).</summary>
    Task ReportIterationAsync(IterationRecord iteration, CancellationToken cancellationToken);

    /// <summary>Records the outcome of an experiment (event <c>PhaseCompleted</c>).</summary>
    Task<ExperimentRecord> CompleteExperimentAsync(long experimentId, ExperimentResult result, CancellationToken cancellationToken);

    /// <summary>Registers a completely written checkpoint file (event <c>CheckpointCreated</c>).</summary>
    Task<CheckpointRecord> RegisterCheckpointAsync(NewCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Records a validation summary for this flow.</summary>
    Task<ValidationSummaryRecord> ReportValidationAsync(ValidationSummaryRecord summary, CancellationToken cancellationToken);
}
