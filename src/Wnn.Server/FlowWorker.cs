using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// Claims queued flows one at a time and runs them through an <see cref="IFlowExecutor"/>, heart-beating while it
/// runs. Stop requests cancel the executor (flow cancelled); shutting the worker down gives the flow back to the
/// queue so another worker resumes it; an executor exception fails the flow. Also requeues flows of dead workers.
/// </summary>
public sealed partial class FlowWorker : BackgroundService
{
    private readonly IExperimentStore _store;
    private readonly IFlowExecutor _executor;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a worker; call <see cref="BackgroundService.StartAsync"/> (or host it) to run it.</summary>
    public FlowWorker(IExperimentStore store, IFlowExecutor executor, WorkerOptions options, ILogger<FlowWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _executor = executor;
        _options = options;
        _logger = logger;
        WorkerId = options.WorkerId ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>This worker's id, as stored in <c>flows.worker_id</c>.</summary>
    public string WorkerId { get; }

    /// <summary>Number of flows this worker has finished (completed, failed or cancelled).</summary>
    public int FlowsFinished { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _store.RegisterWorkerAsync(WorkerId, Environment.MachineName, Environment.ProcessId, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await _store.RequeueStaleFlowsAsync(_options.StaleAfter, stoppingToken);
                    await _store.HeartbeatAsync(WorkerId, stoppingToken);
                    if (await _store.ClaimNextQueuedFlowAsync(WorkerId, stoppingToken) is FlowRecord flow)
                    {
                        await RunFlowAsync(flow, stoppingToken);
                        continue;
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogLoopFailed(_logger, WorkerId, ex);
                }

                await Task.Delay(_options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await _store.RemoveWorkerAsync(WorkerId, CancellationToken.None);
        }
    }

    private async Task RunFlowAsync(FlowRecord flow, CancellationToken stoppingToken)
    {
        LogClaimed(_logger, WorkerId, flow.Id, flow.Name);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        Task heartbeat = HeartbeatLoopAsync(flow.Id, run, heartbeatStop.Token);
        FlowStatus outcome;
        string? error = null;
        try
        {
            var progress = new StoreFlowProgress(_store, flow, _options.CheckpointRoot);
            await _executor.ExecuteAsync(flow, progress, run.Token);
            outcome = FlowStatus.Completed;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            outcome = stoppingToken.IsCancellationRequested ? FlowStatus.Queued : FlowStatus.Cancelled;
        }
        catch (Exception ex)
        {
            outcome = FlowStatus.Failed;
            error = ex.Message;
            // One line for the operator (the flow's error says the same); the stack trace only at debug level.
            LogFlowFailed(_logger, flow.Id, ex.GetType().Name, ex.Message);
            LogFlowFailedDetail(_logger, flow.Id, ex);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }

        if (outcome == FlowStatus.Queued)
        {
            // The worker is going away mid-flow: hand it back so another worker resumes it.
            await _store.ReleaseFlowAsync(flow.Id, WorkerId, CancellationToken.None);
            return;
        }

        if (await _store.FinishFlowAsync(flow.Id, WorkerId, outcome, error, CancellationToken.None))
        {
            FlowsFinished++;
        }
    }

    private async Task HeartbeatLoopAsync(long flowId, CancellationTokenSource run, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await _store.HeartbeatAsync(WorkerId, stop);
                    FlowRecord? current = await _store.GetFlowAsync(flowId, stop);
                    if (current is null || current.StopRequested || current.Status != FlowStatus.Running || current.WorkerId != WorkerId)
                    {
                        await run.CancelAsync();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogHeartbeatFailed(_logger, flowId, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The flow finished.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} claimed flow {FlowId} ({Name})")]
    private static partial void LogClaimed(ILogger logger, string workerId, long flowId, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flow {FlowId} failed: {ErrorType}: {Error}")]
    private static partial void LogFlowFailed(ILogger logger, long flowId, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Flow {FlowId} failed")]
    private static partial void LogFlowFailedDetail(ILogger logger, long flowId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat for flow {FlowId} failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, long flowId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {WorkerId} loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, string workerId, Exception exception);
}
