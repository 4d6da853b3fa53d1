using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

public sealed class WorkerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Queued_flow_runs_on_the_server_worker_and_records_experiments_iterations_and_checkpoints()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        FlowRecord flow = await server.Client.CreateFlowAsync(
            new CreateFlowRequest { Name = "run", Config = Config("""{"phases":["1a","1b"],"iterations":4}""") }, None);

        await server.Client.QueueFlowAsync(flow.Id, None);
        FlowRecord done = await server.WaitForFlowAsync(flow.Id, f => f.Status is FlowStatus.Completed or FlowStatus.Failed);

        Assert.Equal(FlowStatus.Completed, done.Status);
        Assert.Null(done.WorkerId);
        Assert.NotNull(done.CompletedAt);
        IReadOnlyList<ExperimentRecord> experiments = await server.Client.ListFlowExperimentsAsync(flow.Id, None);
        Assert.Equal(["1a", "1b"], experiments.Select(e => e.PhaseKey));
        Assert.Equal(["ga", "ts"], experiments.Select(e => e.Kind));
        Assert.All(experiments, e => Assert.Equal((ExperimentStatus.Completed, 9.5, 4), (e.Status, e.FullDataCe, e.IterationsRun)));
        IReadOnlyList<IterationRecord> iterations = await server.Client.ListIterationsAsync(experiments[0].Id, None);
        Assert.Equal([9.875, 9.75, 9.625, 9.5], iterations.Select(i => i.BestCe));
        IReadOnlyList<CheckpointRecord> checkpoints = await server.Client.ListCheckpointsAsync(true, None);
        Assert.Equal(2, checkpoints.Count);
        Assert.All(checkpoints, c => Assert.True(File.Exists(c.FilePath) && new FileInfo(c.FilePath).Length == c.FileSizeBytes));
        Assert.All(checkpoints, c => Assert.StartsWith(Path.Combine(server.CheckpointRoot, $"flow-{flow.Id}"), c.FilePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Executor_exception_fails_the_flow_with_its_message()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        FlowRecord flow = await server.Client.CreateFlowAsync(
            new CreateFlowRequest { Name = "doomed", Config = Config("""{"phases":["1a","1b"],"fail_at":"1b"}""") }, None);

        await server.Client.QueueFlowAsync(flow.Id, None);
        FlowRecord failed = await server.WaitForFlowAsync(flow.Id, f => f.Status is FlowStatus.Failed or FlowStatus.Completed);

        Assert.Equal((FlowStatus.Failed, "scripted failure in phase 1b"), (failed.Status, failed.Error));
    }

    [Fact]
    public async Task Stop_cancels_a_running_flow_leaves_a_checkpoint_and_restart_resumes_after_the_completed_phase()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        FlowRecord flow = await server.Client.CreateFlowAsync(new CreateFlowRequest
        {
            Name = "long",
            Config = Config("""{"phases":["1a","1b"],"iterations":2000,"delay_ms":10}"""),
        }, None);
        await server.Client.QueueFlowAsync(flow.Id, None);
        await server.WaitForFlowAsync(flow.Id, f => f.Status == FlowStatus.Running);
        ExperimentRecord running = await WaitForAsync(async () =>
            (await server.Store.ListExperimentsAsync(flow.Id, None)).FirstOrDefault(e => e.IterationsRun >= 2));

        FlowRecord stopping = await server.Client.StopFlowAsync(flow.Id, None);
        Assert.True(stopping.StopRequested);
        FlowRecord cancelled = await server.WaitForFlowAsync(flow.Id, f => f.Status != FlowStatus.Running);

        Assert.Equal(FlowStatus.Cancelled, cancelled.Status);
        ExperimentRecord stopped = (await server.Store.GetExperimentAsync(running.Id, None))!;
        Assert.Equal(ExperimentStatus.Cancelled, stopped.Status);
        CheckpointRecord left = Assert.Single(await server.Store.ListCheckpointsAsync(false, running.Id, None));
        Assert.False(left.IsFinal);
        Assert.True(File.Exists(left.FilePath));

        // Make the remaining work short, restart: phase 1a is rerun (it was cancelled), then 1b.
        await server.Client.UpdateFlowAsync(flow.Id, new UpdateFlowRequest { Config = Config("""{"phases":["1a","1b"],"iterations":2}""") }, None);
        await server.Client.RestartFlowAsync(flow.Id, None);
        FlowRecord completed = await server.WaitForFlowAsync(flow.Id, f => f.Status is FlowStatus.Completed or FlowStatus.Failed);

        Assert.Equal(FlowStatus.Completed, completed.Status);
        IReadOnlyList<ExperimentRecord> all = await server.Store.ListExperimentsAsync(flow.Id, None);
        Assert.Equal(["1a:cancelled", "1a:completed", "1b:completed"], all.Select(e => $"{e.PhaseKey}:{e.Status.ToName()}").Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Flow_of_a_dead_worker_is_requeued_and_resumed_without_repeating_its_completed_phase(bool postgres)
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(withExecutor: false, postgres: postgres);
        IExperimentStore deadProcess = await server.OpenOtherStoreAsync();
        FlowRecord flow = await deadProcess.CreateFlowAsync(new NewFlow("orphan", """{"phases":["1a","1b"],"iterations":3}"""), None);
        await deadProcess.QueueFlowAsync(flow.Id, None);
        FlowRecord claimed = (await deadProcess.ClaimNextQueuedFlowAsync("dead-worker", None))!;
        var deadProgress = new StoreFlowProgress(deadProcess, claimed, server.CheckpointRoot);
        ExperimentRecord first = await deadProgress.StartExperimentAsync(new NewExperiment("Phase 1a", "1a", "ga", "neurons"), None);
        await deadProgress.CompleteExperimentAsync(first.Id, new ExperimentResult(ExperimentStatus.Completed, 9.0, 0.1, 3), None);
        ExperimentRecord interrupted = await deadProgress.StartExperimentAsync(new NewExperiment("Phase 1b", "1b", "ts", "neurons", null, 1), None);
        // The dead worker never heart-beats again; a live worker in another "process" takes over after StaleAfter.

        var worker = new FlowWorker(server.Store, new ScriptedFlowExecutor(), LoopbackServer.FastWorker(server.CheckpointRoot), NullLogger<FlowWorker>.Instance);
        await worker.StartAsync(None);
        try
        {
            FlowRecord done = await server.WaitForFlowAsync(flow.Id, f => f.Status is FlowStatus.Completed or FlowStatus.Failed);
            Assert.Equal(FlowStatus.Completed, done.Status);
        }
        finally
        {
            await worker.StopAsync(None);
        }

        IReadOnlyList<ExperimentRecord> experiments = await server.Store.ListExperimentsAsync(flow.Id, None);
        Assert.Equal(["1a:completed", "1b:cancelled", "1b:completed"], experiments.Select(e => $"{e.PhaseKey}:{e.Status.ToName()}").Order());
        Assert.Equal(9.0, experiments.Single(e => e.Id == first.Id).FullDataCe);
        Assert.Equal(ExperimentStatus.Cancelled, (await server.Store.GetExperimentAsync(interrupted.Id, None))!.Status);
        Assert.Empty(await server.Store.ListWorkersAsync(None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_workers_on_one_database_run_each_flow_exactly_once(bool postgres)
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(withExecutor: false, postgres: postgres);
        var ids = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            FlowRecord f = await server.Store.CreateFlowAsync(new NewFlow($"f{i}", """{"phases":["1a"],"iterations":2}"""), None);
            ids.Add(f.Id);
        }

        IExperimentStore otherProcess = await server.OpenOtherStoreAsync();
        var a = new FlowWorker(server.Store, new ScriptedFlowExecutor(), LoopbackServer.FastWorker(server.CheckpointRoot) with { WorkerId = "a" },
            NullLogger<FlowWorker>.Instance);
        var b = new FlowWorker(otherProcess, new ScriptedFlowExecutor(), LoopbackServer.FastWorker(server.CheckpointRoot) with { WorkerId = "b" },
            NullLogger<FlowWorker>.Instance);
        await a.StartAsync(None);
        await b.StartAsync(None);
        foreach (long id in ids)
        {
            await server.Store.QueueFlowAsync(id, None);
        }

        foreach (long id in ids)
        {
            Assert.Equal(FlowStatus.Completed, (await server.WaitForFlowAsync(id, f => f.Status == FlowStatus.Completed)).Status);
        }

        await a.StopAsync(None);
        await b.StopAsync(None);
        Assert.Equal(6, a.FlowsFinished + b.FlowsFinished);
        foreach (long id in ids)
        {
            Assert.Single(await server.Store.ListExperimentsAsync(id, None));
        }

        int started = (await server.Store.ListEventsAsync(0, 10_000, None)).Count(e => e.Type == StoreEventTypes.FlowStarted);
        Assert.Equal(6, started);
    }

    private static JsonElement Config(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, int timeoutMs = 15_000)
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
