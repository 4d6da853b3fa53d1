namespace Wnn.Storage;

/// <summary>An <see cref="IFlowProgress"/> that writes straight to an <see cref="IExperimentStore"/>.</summary>
public sealed class StoreFlowProgress : IFlowProgress
{
    private readonly IExperimentStore _store;

    /// <summary>Creates the sink for <paramref name="flow"/>; checkpoints go to <c>checkpointRoot/flow-{id}</c>.</summary>
    public StoreFlowProgress(IExperimentStore store, FlowRecord flow, string checkpointRoot)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointRoot);
        _store = store;
        Flow = flow;
        CheckpointDirectory = Path.Combine(Path.GetFullPath(checkpointRoot), $"flow-{flow.Id}");
        Directory.CreateDirectory(CheckpointDirectory);
    }

    /// <inheritdoc />
    public FlowRecord Flow { get; }

    /// <inheritdoc />
    public string CheckpointDirectory { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentRecord>> GetExperimentsAsync(CancellationToken cancellationToken) =>
        _store.ListExperimentsAsync(Flow.Id, cancellationToken);

    /// <inheritdoc />
    public Task<CheckpointRecord?> GetSeedCheckpointAsync(CancellationToken cancellationToken) =>
        Flow.SeedCheckpointId is long id ? _store.GetCheckpointAsync(id, cancellationToken) : Task.FromResult<CheckpointRecord?>(null);

    /// <inheritdoc />
    public async Task<ExperimentRecord> StartExperimentAsync(NewExperiment experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ExperimentRecord created = await _store.CreateExperimentAsync(experiment with { FlowId = Flow.Id }, cancellationToken);
        return await _store.StartExperimentAsync(created.Id, cancellationToken);
    }

    /// <inheritdoc />
    public Task ReportIterationAsync(IterationRecord iteration, CancellationToken cancellationToken) =>
        _store.AddIterationAsync(iteration, cancellationToken);

    /// <inheritdoc />
    public Task<ExperimentRecord> CompleteExperimentAsync(long experimentId, ExperimentResult result, CancellationToken cancellationToken) =>
        _store.CompleteExperimentAsync(experimentId, result, cancellationToken);

    /// <inheritdoc />
    public Task<CheckpointRecord> RegisterCheckpointAsync(NewCheckpoint checkpoint, CancellationToken cancellationToken) =>
        _store.CreateCheckpointAsync(checkpoint, cancellationToken);

    /// <inheritdoc />
    public Task<ValidationSummaryRecord> ReportValidationAsync(ValidationSummaryRecord summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return _store.AddValidationSummaryAsync(summary with { FlowId = Flow.Id }, cancellationToken);
    }
}
