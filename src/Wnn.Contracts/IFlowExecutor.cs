namespace Wnn.Contracts;

/// <summary>
/// Runs one claimed flow (e.g. the phased search) and reports progress through <see cref="IFlowProgress"/>.
/// Return normally when every experiment finished: the flow becomes completed. Throw
/// <see cref="OperationCanceledException"/> once <c>cancellationToken</c> fires (after writing a checkpoint):
/// the flow becomes cancelled on a stop request, or goes back to the queue when the worker shuts down. Any other
/// exception fails the flow with its message. A requeued flow is executed again: skip the experiments that
/// <see cref="IFlowProgress.GetExperimentsAsync"/> reports completed and resume from their checkpoints.
/// </summary>
public interface IFlowExecutor
{
    /// <summary>Executes <paramref name="flow"/> until it completes or <paramref name="cancellationToken"/> fires.</summary>
    Task ExecuteAsync(FlowRecord flow, IFlowProgress progress, CancellationToken cancellationToken);
}
