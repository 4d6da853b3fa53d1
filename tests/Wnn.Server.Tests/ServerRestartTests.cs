using Wnn.Storage;

namespace Wnn.Server.Tests;

public sealed class ServerRestartTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Stopping_the_server_mid_flow_requeues_it_and_the_next_server_completes_it_without_losing_a_phase()
    {
        string root = Path.Combine(Path.GetTempPath(), "wnn-restart-" + Guid.NewGuid().ToString("N"));
        string checkpoints = Path.Combine(root, "checkpoints");
        Directory.CreateDirectory(checkpoints);
        var options = new ServerOptions { Port = 0, EventPollInterval = TimeSpan.FromMilliseconds(20), Worker = LoopbackServer.FastWorker(checkpoints) };
        try
        {
            long flowId;
            long interruptedId;
            await using (IExperimentStore store = await SqliteExperimentStore.OpenAsync(Path.Combine(root, "experiments.db"), None))
            {
                FlowRecord flow = await store.CreateFlowAsync(new NewFlow("survivor", """{"phases":["1a","1b"],"iterations":150,"delay_ms":5}"""), None);
                flowId = flow.Id;
                WnnServer first = await WnnServer.StartAsync(options, store, new ScriptedFlowExecutor(), None);
                await store.QueueFlowAsync(flowId, None);
                ExperimentRecord running = await PollAsync(async () =>
                    (await store.ListExperimentsAsync(flowId, None)).FirstOrDefault(e => e.IterationsRun >= 3));
                interruptedId = running.Id;

                await first.DisposeAsync();

                FlowRecord released = (await store.GetFlowAsync(flowId, None))!;
                Assert.Equal(FlowStatus.Queued, released.Status);
                Assert.Null(released.WorkerId);
                CheckpointRecord left = Assert.Single(await store.ListCheckpointsAsync(false, interruptedId, None));
                Assert.True(File.Exists(left.FilePath));
            }

            await using (IExperimentStore store = await SqliteExperimentStore.OpenAsync(Path.Combine(root, "experiments.db"), None))
            {
                await using WnnServer second = await WnnServer.StartAsync(options, store, new ScriptedFlowExecutor(), None);
                FlowRecord done = await PollAsync(async () =>
                    await store.GetFlowAsync(flowId, None) is { Status: FlowStatus.Completed or FlowStatus.Failed } f ? f : null);

                Assert.Equal(FlowStatus.Completed, done.Status);
                IReadOnlyList<ExperimentRecord> experiments = await store.ListExperimentsAsync(flowId, None);
                Assert.Equal(["1a", "1b"], experiments.Where(e => e.Status == ExperimentStatus.Completed).Select(e => e.PhaseKey).Order());
                Assert.Equal(ExperimentStatus.Cancelled, experiments.Single(e => e.Id == interruptedId).Status);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe, int timeoutMs = 20_000)
        where T : class
    {
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is T value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("condition not reached");
    }
}
