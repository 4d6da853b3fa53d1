using System.Text.Json;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

public sealed class EventSocketTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Sends_a_snapshot_on_connect_then_pushes_an_event_after_a_mutation()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(withExecutor: false);
        FlowRecord existing = await server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "before" }, None);
        await using EventSocketClient socket = await EventSocketClient.ConnectAsync(server.Server.Url);

        JsonElement snapshot = await socket.ReceiveAsync();
        Assert.Equal("Snapshot", snapshot.GetProperty("type").GetString());
        JsonElement data = snapshot.GetProperty("data");
        Assert.Equal(existing.Id, data.GetProperty("flows")[0].GetProperty("id").GetInt64());
        Assert.Equal("before", data.GetProperty("flows")[0].GetProperty("name").GetString());
        Assert.True(data.GetProperty("last_event_id").GetInt64() >= 1);

        FlowRecord created = await server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "after" }, None);

        JsonElement pushed = await socket.WaitForAsync("FlowCreated");
        Assert.Equal(created.Id, pushed.GetProperty("data").GetProperty("id").GetInt64());
        Assert.Equal("after", pushed.GetProperty("data").GetProperty("name").GetString());
        Assert.True(pushed.GetProperty("id").GetInt64() > data.GetProperty("last_event_id").GetInt64());
    }

    [Fact]
    public async Task Stopping_the_server_closes_connected_sockets_promptly()
    {
        LoopbackServer server = await LoopbackServer.StartAsync(withExecutor: false);
        await using EventSocketClient socket = await EventSocketClient.ConnectAsync(server.Server.Url);
        await socket.WaitForAsync("Snapshot");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pushes_events_written_by_another_process_on_the_same_database(bool postgres)
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(withExecutor: false, postgres: postgres);
        IExperimentStore otherProcess = await server.OpenOtherStoreAsync();
        await using EventSocketClient socket = await EventSocketClient.ConnectAsync(server.Server.Url);
        await socket.WaitForAsync("Snapshot");

        ExperimentRecord experiment = await otherProcess.CreateExperimentAsync(new NewExperiment("Phase 1a", "1a", "ga", "neurons"), None);
        await otherProcess.AddIterationAsync(new IterationRecord { ExperimentId = experiment.Id, Iteration = 7, BestCe = 10.125, BestAccuracy = 0.25 }, None);

        JsonElement iteration = (await socket.WaitForAsync("IterationUpdate")).GetProperty("data");
        Assert.Equal((experiment.Id, 7, 10.125, 0.25), (iteration.GetProperty("experiment_id").GetInt64(), iteration.GetProperty("iteration").GetInt32(),
            iteration.GetProperty("best_ce").GetDouble(), iteration.GetProperty("best_accuracy").GetDouble()));
        Assert.Contains(socket.Received, m => m.GetProperty("type").GetString() == "ExperimentCreated");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_worker_run_pushes_the_flow_and_phase_lifecycle_in_order(bool postgres)
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(postgres: postgres);
        await using EventSocketClient socket = await EventSocketClient.ConnectAsync(server.Server.Url);
        await socket.WaitForAsync("Snapshot");
        FlowRecord flow = await server.Client.CreateFlowAsync(new CreateFlowRequest
        {
            Name = "watched",
            Config = JsonDocument.Parse("""{"phases":["1a"],"iterations":2}""").RootElement.Clone(),
        }, None);

        await server.Client.QueueFlowAsync(flow.Id, None);
        await socket.WaitForAsync("FlowCompleted", d => d.GetProperty("id").GetInt64() == flow.Id);

        string[] types = socket.Received.Select(m => m.GetProperty("type").GetString()!).ToArray();
        string[] lifecycle = ["FlowStarted", "PhaseStarted", "IterationUpdate", "IterationUpdate", "CheckpointCreated", "PhaseCompleted", "FlowCompleted"];
        Assert.Equal(lifecycle, types.Where(lifecycle.Contains).ToArray());
        JsonElement phaseCompleted = socket.Received.Single(m => m.GetProperty("type").GetString() == "PhaseCompleted").GetProperty("data");
        Assert.Equal(("1a", 9.75), (phaseCompleted.GetProperty("phase").GetProperty("phase_key").GetString(),
            phaseCompleted.GetProperty("result").GetProperty("full_data_ce").GetDouble()));
    }
}
