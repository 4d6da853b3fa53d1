using System.Collections.Concurrent;
using System.Text.Json;
using Wnn.Storage;

namespace Wnn.Storage.Tests;

/// <summary>The storage suite, written once and run against every database (see the sealed subclasses).</summary>
public abstract class ExperimentStoreTests<TTarget> : IAsyncLifetime
    where TTarget : IStoreTarget, new()
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TTarget _target = new();
    private IExperimentStore _store = null!;

    public async Task InitializeAsync() => _store = await _target.OpenAsync();

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task Migrations_are_applied_once_and_reopening_is_idempotent()
    {
        Assert.Equal(4, await _store.GetSchemaVersionAsync(None));
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("kept"), None);

        IExperimentStore again = await _target.OpenAsync();
        IExperimentStore third = await _target.OpenAsync();

        Assert.Equal(4, await again.GetSchemaVersionAsync(None));
        Assert.Equal(4, await third.GetSchemaVersionAsync(None));
        Assert.Equal("kept", (await third.GetFlowAsync(flow.Id, None))!.Name);
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_events_and_the_last_id_and_pages_list_by_cursor()
    {
        var flows = new List<FlowRecord>();
        for (int i = 0; i < 5; i++)
        {
            flows.Add(await _store.CreateFlowAsync(new NewFlow($"f{i}"), None));
        }

        long last = await _store.GetLastEventIdAsync(None);
        Assert.Equal(0, await _store.PruneEventsAsync(2, TimeSpan.FromHours(1), None)); // all younger than an hour
        Assert.Equal(3, await _store.PruneEventsAsync(2, TimeSpan.Zero, None));
        Assert.Equal(last, await _store.GetLastEventIdAsync(None));
        Assert.Equal([last - 1, last], (await _store.ListEventsAsync(0, 100, None)).Select(e => e.Id));
        FlowRecord next = await _store.CreateFlowAsync(new NewFlow("after"), None);
        Assert.Equal(last + 1, await _store.GetLastEventIdAsync(None));

        Assert.Equal([next.Id, flows[4].Id], (await _store.ListFlowsAsync(null, null, 2, None)).Select(f => f.Id));
        Assert.Equal([flows[3].Id, flows[2].Id], (await _store.ListFlowsAsync(null, flows[4].Id, 2, None)).Select(f => f.Id));
        Assert.Equal([flows[0].Id], (await _store.ListFlowsAsync(FlowStatus.Pending, flows[1].Id, 5, None)).Select(f => f.Id));
    }

    [Fact]
    public async Task The_change_stamp_moves_with_every_change_and_with_heartbeats_only_when_asked()
    {
        string empty = await _store.GetChangeStampAsync(flowHeartbeats: true, None);
        Assert.Equal(empty, await _store.GetChangeStampAsync(flowHeartbeats: true, None));
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("stamped"), None);
        string created = await _store.GetChangeStampAsync(flowHeartbeats: true, None);
        Assert.NotEqual(empty, created);
        Assert.Equal((await _store.GetLastEventIdAsync(None)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await _store.GetChangeStampAsync(flowHeartbeats: false, None));

        await _store.QueueFlowAsync(flow.Id, None);
        await _store.RegisterWorkerAsync("stamp-worker", "localhost", 1, None);
        Assert.Equal(flow.Id, (await _store.ClaimNextQueuedFlowAsync("stamp-worker", None))!.Id);
        string claimed = await _store.GetChangeStampAsync(flowHeartbeats: true, None);
        string claimedEvents = await _store.GetChangeStampAsync(flowHeartbeats: false, None);
        await Task.Delay(5);
        await _store.HeartbeatAsync("stamp-worker", None); // no event, but a listed column changes
        Assert.NotEqual(claimed, await _store.GetChangeStampAsync(flowHeartbeats: true, None));
        Assert.Equal(claimedEvents, await _store.GetChangeStampAsync(flowHeartbeats: false, None));
    }

    [Fact]
    public async Task Flow_round_trips_every_field_and_lists_filter_by_status()
    {
        FlowRecord a = await _store.CreateFlowAsync(new NewFlow("Pass 1", """{"template":"standard-6-phase","patience":10}""", "first"), None);
        FlowRecord b = await _store.CreateFlowAsync(new NewFlow("Pass 2"), None);
        await _store.QueueFlowAsync(b.Id, None);

        FlowRecord loaded = (await _store.GetFlowAsync(a.Id, None))!;
        Assert.Equal("Pass 1", loaded.Name);
        Assert.Equal("first", loaded.Description);
        Assert.Equal(10, JsonDocument.Parse(loaded.ConfigJson).RootElement.GetProperty("patience").GetInt32());
        Assert.Equal(FlowStatus.Pending, loaded.Status);
        Assert.Equal(a.CreatedAt, loaded.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, loaded.CreatedAt.Kind);
        Assert.Null(loaded.StartedAt);

        Assert.Equal([b.Id, a.Id], (await _store.ListFlowsAsync(null, None)).Select(f => f.Id));
        Assert.Equal([b.Id], (await _store.ListFlowsAsync(FlowStatus.Queued, None)).Select(f => f.Id));
        Assert.Empty(await _store.ListFlowsAsync(FlowStatus.Running, None));
        Assert.Null(await _store.GetFlowAsync(9999, None));
    }

    [Fact]
    public async Task Update_edits_given_fields_and_refuses_queued_flows()
    {
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("old", """{"patience":5}""", "d"), None);

        FlowRecord updated = (await _store.UpdateFlowAsync(flow.Id, new FlowUpdate(Name: "new"), None))!;

        Assert.Equal("new", updated.Name);
        Assert.Equal("d", updated.Description);
        Assert.Equal("""{"patience":5}""", updated.ConfigJson);
        await _store.QueueFlowAsync(flow.Id, None);
        await Assert.ThrowsAsync<StoreConflictException>(() => _store.UpdateFlowAsync(flow.Id, new FlowUpdate(Name: "x"), None));
        Assert.Null(await _store.UpdateFlowAsync(4242, new FlowUpdate(Name: "x"), None));
    }

    [Fact]
    public async Task Resetting_a_flow_to_a_phase_removes_that_phase_and_later_ones_with_their_checkpoints()
    {
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("f", """{"ga.generations":5}"""), None);
        var experiments = new List<ExperimentRecord>();
        var checkpoints = new List<CheckpointRecord>();
        foreach ((string key, int sequence) in new[] { ("1a", 0), ("1b", 1), ("2a", 2) })
        {
            ExperimentRecord e = await _store.CreateExperimentAsync(new NewExperiment($"Phase {key}", key, "ga", "neurons", flow.Id, sequence), None);
            await _store.AddIterationAsync(new IterationRecord { ExperimentId = e.Id, Iteration = 1, BestCe = 10.5 }, None);
            await _store.StartExperimentAsync(e.Id, None);
            experiments.Add(await _store.CompleteExperimentAsync(e.Id, new ExperimentResult(ExperimentStatus.Completed, 9.5, 0.1, 1), None));
            checkpoints.Add(await _store.CreateCheckpointAsync(new NewCheckpoint(key, WriteFile($"{key}.json.gz", 10), e.Id), None));
        }

        await _store.QueueFlowAsync(flow.Id, None);
        await Assert.ThrowsAsync<StoreConflictException>(() => _store.ResetFlowAsync(flow.Id, 1, null, None));
        await _store.RequestStopAsync(flow.Id, None);

        // A checkpoint that seeded another flow is not overwritten by a rerun: refused, nothing removed.
        FlowRecord seeded = await _store.CreateFlowAsync(new NewFlow("seeded", SeedCheckpointId: checkpoints[2].Id), None);
        var refused = await Assert.ThrowsAsync<StoreConflictException>(() => _store.ResetFlowAsync(flow.Id, 1, null, None));
        Assert.Contains($"checkpoint {checkpoints[2].Id} of the phases to run again seeded other flows", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await _store.ListExperimentsAsync(flow.Id, None)).Count);
        Assert.True(await _store.DeleteFlowAsync(seeded.Id, None));

        FlowRecord reset = (await _store.ResetFlowAsync(flow.Id, 1, """{"ga.generations":9}""", None))!;
        Assert.Equal("""{"ga.generations":9}""", reset.ConfigJson);
        Assert.Equal(["1a"], (await _store.ListExperimentsAsync(flow.Id, None)).Select(e => e.PhaseKey));
        Assert.NotNull(await _store.GetCheckpointAsync(checkpoints[0].Id, None));
        Assert.Null(await _store.GetCheckpointAsync(checkpoints[1].Id, None));
        Assert.Null(await _store.GetCheckpointAsync(checkpoints[2].Id, None));
        Assert.Empty(await _store.ListIterationsAsync(experiments[1].Id, 0, None));
        Assert.Equal(FlowStatus.Queued, (await _store.QueueFlowAsync(flow.Id, None))!.Status);
        Assert.Null(await _store.ResetFlowAsync(4242, 0, null, None));
    }

    [Fact]
    public async Task Deleting_a_flow_removes_its_experiments_and_iterations_but_keeps_checkpoints()
    {
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("f"), None);
        ExperimentRecord exp = await _store.CreateExperimentAsync(new NewExperiment("Phase 1a", "1a", "ga", "neurons", flow.Id), None);
        await _store.AddIterationAsync(new IterationRecord { ExperimentId = exp.Id, Iteration = 1, BestCe = 10.5 }, None);
        CheckpointRecord ckpt = await _store.CreateCheckpointAsync(new NewCheckpoint("c", WriteFile("c.json.gz", 10), exp.Id), None);

        Assert.True(await _store.DeleteFlowAsync(flow.Id, None));

        Assert.Null(await _store.GetFlowAsync(flow.Id, None));
        Assert.Null(await _store.GetExperimentAsync(exp.Id, None));
        Assert.Empty(await _store.ListIterationsAsync(exp.Id, 0, None));
        Assert.Null((await _store.GetCheckpointAsync(ckpt.Id, None))!.ExperimentId);
        Assert.False(await _store.DeleteFlowAsync(flow.Id, None));
    }

    [Fact]
    public async Task Claim_marks_the_oldest_queued_flow_running_for_the_worker()
    {
        FlowRecord first = await _store.CreateFlowAsync(new NewFlow("first"), None);
        FlowRecord second = await _store.CreateFlowAsync(new NewFlow("second"), None);
        await _store.QueueFlowAsync(second.Id, None);
        await _store.QueueFlowAsync(first.Id, None);

        FlowRecord claimed = (await _store.ClaimNextQueuedFlowAsync("w1", None))!;

        Assert.Equal(first.Id, claimed.Id);
        Assert.Equal(FlowStatus.Running, claimed.Status);
        Assert.Equal("w1", claimed.WorkerId);
        Assert.NotNull(claimed.StartedAt);
        Assert.NotNull(claimed.HeartbeatAt);
        Assert.Equal(second.Id, (await _store.ClaimNextQueuedFlowAsync("w2", None))!.Id);
        Assert.Null(await _store.ClaimNextQueuedFlowAsync("w3", None));
    }

    [Fact]
    public async Task Two_concurrent_claimers_on_separate_connections_claim_each_flow_exactly_once()
    {
        const int flows = 40;
        for (int i = 0; i < flows; i++)
        {
            FlowRecord f = await _store.CreateFlowAsync(new NewFlow($"flow {i}"), None);
            await _store.QueueFlowAsync(f.Id, None);
        }

        IExperimentStore other = await _target.OpenAsync(); // a second "process" on the same database
        var claims = new ConcurrentBag<(string Worker, long Flow)>();
        async Task Claimer(IExperimentStore store, string worker)
        {
            while (await store.ClaimNextQueuedFlowAsync(worker, None) is FlowRecord flow)
            {
                claims.Add((worker, flow.Id));
            }
        }

        await Task.WhenAll(Task.Run(() => Claimer(_store, "a")), Task.Run(() => Claimer(other, "b")));

        Assert.Equal(flows, claims.Count);
        Assert.Equal(flows, claims.Select(c => c.Flow).Distinct().Count());
        IReadOnlyList<FlowRecord> running = await _store.ListFlowsAsync(FlowStatus.Running, None);
        Assert.Equal(flows, running.Count);
        Assert.All(running, f => Assert.Equal(claims.Single(c => c.Flow == f.Id).Worker, f.WorkerId));
    }

    [Fact]
    public async Task Stale_running_flows_are_requeued_and_fresh_ones_are_kept()
    {
        FlowRecord stale = await _store.CreateFlowAsync(new NewFlow("stale"), None);
        FlowRecord fresh = await _store.CreateFlowAsync(new NewFlow("fresh"), None);
        await _store.QueueFlowAsync(stale.Id, None);
        await _store.ClaimNextQueuedFlowAsync("dead", None);
        ExperimentRecord exp = await _store.CreateExperimentAsync(new NewExperiment("Phase 1a", "1a", "ga", "neurons", stale.Id), None);
        await _store.StartExperimentAsync(exp.Id, None);
        await Task.Delay(1500);
        await _store.QueueFlowAsync(fresh.Id, None);
        await _store.ClaimNextQueuedFlowAsync("alive", None);

        IReadOnlyList<long> requeued = await _store.RequeueStaleFlowsAsync(TimeSpan.FromMilliseconds(1000), None);

        Assert.Equal([stale.Id], requeued);
        FlowRecord again = (await _store.GetFlowAsync(stale.Id, None))!;
        Assert.Equal(FlowStatus.Queued, again.Status);
        Assert.Null(again.WorkerId);
        Assert.Equal(ExperimentStatus.Cancelled, (await _store.GetExperimentAsync(exp.Id, None))!.Status);
        Assert.Equal(FlowStatus.Running, (await _store.GetFlowAsync(fresh.Id, None))!.Status);
        Assert.Equal(stale.Id, (await _store.ClaimNextQueuedFlowAsync("new", None))!.Id);
    }

    [Fact]
    public async Task Heartbeat_keeps_a_flow_from_being_requeued()
    {
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("f"), None);
        await _store.RegisterWorkerAsync("w", "host", 123, None);
        await _store.QueueFlowAsync(flow.Id, None);
        await _store.ClaimNextQueuedFlowAsync("w", None);
        await Task.Delay(1500);

        await _store.HeartbeatAsync("w", None);

        Assert.Empty(await _store.RequeueStaleFlowsAsync(TimeSpan.FromMilliseconds(1000), None));
        WorkerRecord worker = Assert.Single(await _store.ListWorkersAsync(None));
        Assert.Equal(("w", "host", 123), (worker.Id, worker.Hostname, worker.Pid));
    }

    [Fact]
    public async Task Finish_only_succeeds_for_the_owning_worker_and_records_the_error()
    {
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("f"), None);
        await _store.QueueFlowAsync(flow.Id, None);
        await _store.ClaimNextQueuedFlowAsync("owner", None);

        Assert.False(await _store.FinishFlowAsync(flow.Id, "intruder", FlowStatus.Completed, null, None));
        Assert.True(await _store.FinishFlowAsync(flow.Id, "owner", FlowStatus.Failed, "boom", None));

        FlowRecord failed = (await _store.GetFlowAsync(flow.Id, None))!;
        Assert.Equal(FlowStatus.Failed, failed.Status);
        Assert.Equal("boom", failed.Error);
        Assert.NotNull(failed.CompletedAt);
        StoreEvent last = (await _store.ListEventsAsync(0, 100, None))[^1];
        Assert.Equal(StoreEventTypes.FlowFailed, last.Type);
        Assert.Equal("boom", JsonDocument.Parse(last.PayloadJson).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Stop_cancels_a_queued_flow_and_flags_a_running_one()
    {
        FlowRecord queued = await _store.CreateFlowAsync(new NewFlow("q"), None);
        FlowRecord running = await _store.CreateFlowAsync(new NewFlow("r"), None);
        await _store.QueueFlowAsync(running.Id, None);
        await _store.ClaimNextQueuedFlowAsync("w", None);
        await _store.QueueFlowAsync(queued.Id, None);

        Assert.Equal(FlowStatus.Cancelled, (await _store.RequestStopAsync(queued.Id, None))!.Status);
        FlowRecord stopping = (await _store.RequestStopAsync(running.Id, None))!;
        Assert.Equal(FlowStatus.Running, stopping.Status);
        Assert.True(stopping.StopRequested);
        await Assert.ThrowsAsync<StoreConflictException>(() => _store.QueueFlowAsync(running.Id, None));

        Assert.True(await _store.FinishFlowAsync(running.Id, "w", FlowStatus.Cancelled, null, None));
        FlowRecord requeued = (await _store.QueueFlowAsync(running.Id, None))!;
        Assert.Equal(FlowStatus.Queued, requeued.Status);
        Assert.False(requeued.StopRequested);
    }

    [Fact]
    public async Task Experiment_tracks_best_values_from_its_iterations()
    {
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("f"), None);
        ExperimentRecord exp = await _store.CreateExperimentAsync(
            new NewExperiment("Phase 2b: TS Bits", "2b", "ts", "bits", flow.Id, 3, """{"iterations":250}"""), None);
        await _store.StartExperimentAsync(exp.Id, None);

        await _store.AddIterationAsync(new IterationRecord
        {
            ExperimentId = exp.Id,
            Iteration = 1,
            BestCe = 10.25,
            MeanCe = 10.75,
            BestAccuracy = 0.125,
            MeanAccuracy = 0.1,
            Threshold = 0.5,
            PatienceCounter = 0,
            ElapsedSeconds = 1.5,
        }, None);
        await _store.AddIterationAsync(new IterationRecord { ExperimentId = exp.Id, Iteration = 2, BestCe = 10.5, BestAccuracy = 0.25, ElapsedSeconds = 3 }, None);
        await _store.AddIterationAsync(new IterationRecord { ExperimentId = exp.Id, Iteration = 3, BestCe = 9.75, ElapsedSeconds = 4.5 }, None);

        ExperimentRecord running = (await _store.GetExperimentAsync(exp.Id, None))!;
        // Iterations are on the rotating training part: they never set the full-data result.
        Assert.Equal((ExperimentStatus.Running, 9.75, 0.25, 3), (running.Status, running.TrainPartBestCe, running.TrainPartBestAccuracy, running.IterationsRun));
        Assert.Equal(((double?)null, (double?)null), (running.FullDataCe, running.FullDataAccuracy));
        Assert.Equal(("2b", "ts", "bits", 3), (running.PhaseKey, running.Kind, running.Dimension, running.Sequence));
        IReadOnlyList<IterationRecord> iterations = await _store.ListIterationsAsync(exp.Id, 0, None);
        Assert.Equal([10.25, 10.5, 9.75], iterations.Select(i => i.BestCe));
        Assert.Equal((10.75, 0.1, 0.5, 0, 1.5), (iterations[0].MeanCe, iterations[0].MeanAccuracy, iterations[0].Threshold,
            iterations[0].PatienceCounter, iterations[0].ElapsedSeconds));
        Assert.Equal([3], (await _store.ListIterationsAsync(exp.Id, 2, None)).Select(i => i.Iteration));

        ExperimentRecord done = await _store.CompleteExperimentAsync(exp.Id, new ExperimentResult(ExperimentStatus.Completed, 9.5, 0.3, 3), None);
        Assert.Equal((ExperimentStatus.Completed, 9.5, 0.3), (done.Status, done.FullDataCe, done.FullDataAccuracy));
        Assert.Equal((9.75, 0.25), (done.TrainPartBestCe, done.TrainPartBestAccuracy));
        Assert.NotNull(done.CompletedAt);
        Assert.Equal([exp.Id], (await _store.ListExperimentsAsync(flow.Id, None)).Select(e => e.Id));
    }

    [Fact]
    public async Task Checkpoint_records_file_size_and_rejects_missing_or_duplicate_files()
    {
        string path = WriteFile("best.json.gz", 1234);
        CheckpointRecord ckpt = await _store.CreateCheckpointAsync(
            new NewCheckpoint("best", path, null, 10.5, 0.2, 250, """{"clusters":50257,"neurons":100}""", IsFinal: true), None);

        CheckpointRecord loaded = (await _store.GetCheckpointAsync(ckpt.Id, None))!;
        Assert.Equal((1234L, 10.5, 0.2, 250, true, 0), (loaded.FileSizeBytes, loaded.FinalFitness, loaded.FinalAccuracy, loaded.IterationsRun,
            loaded.IsFinal, loaded.ReferenceCount));
        Assert.Equal(Path.GetFullPath(path), loaded.FilePath);
        Assert.Equal(ckpt.Id, (await _store.GetCheckpointByPathAsync(path, None))!.Id);
        await Assert.ThrowsAsync<StoreConflictException>(() => _store.CreateCheckpointAsync(new NewCheckpoint("dup", path), None));
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            _store.CreateCheckpointAsync(new NewCheckpoint("missing", Path.Combine(_target.FilesDirectory, "missing.json.gz")), None));

        await _store.CreateCheckpointAsync(new NewCheckpoint("mid", WriteFile("mid.json.gz", 5)), None);
        Assert.Equal(2, (await _store.ListCheckpointsAsync(false, null, None)).Count);
        Assert.Equal([ckpt.Id], (await _store.ListCheckpointsAsync(true, null, None)).Select(c => c.Id));
    }

    [Fact]
    public async Task Referenced_checkpoint_delete_is_refused_unless_forced_and_deleting_removes_the_file()
    {
        string path = WriteFile("seed.json.gz", 64);
        CheckpointRecord ckpt = await _store.CreateCheckpointAsync(new NewCheckpoint("seed", path), None);
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("seeded", SeedCheckpointId: ckpt.Id), None);
        Assert.Equal(1, (await _store.GetCheckpointAsync(ckpt.Id, None))!.ReferenceCount);

        Assert.Equal(CheckpointDeleteResult.Referenced, await _store.DeleteCheckpointAsync(ckpt.Id, force: false, None));
        Assert.True(File.Exists(path));

        Assert.Equal(CheckpointDeleteResult.Deleted, await _store.DeleteCheckpointAsync(ckpt.Id, force: true, None));
        Assert.False(File.Exists(path));
        Assert.Null(await _store.GetCheckpointAsync(ckpt.Id, None));
        Assert.Null((await _store.GetFlowAsync(flow.Id, None))!.SeedCheckpointId);
        Assert.Equal(CheckpointDeleteResult.NotFound, await _store.DeleteCheckpointAsync(ckpt.Id, force: true, None));
    }

    [Fact]
    public async Task Deleting_a_seeded_flow_releases_the_checkpoint_reference()
    {
        CheckpointRecord ckpt = await _store.CreateCheckpointAsync(new NewCheckpoint("seed", WriteFile("s.json.gz", 8)), None);
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("seeded", SeedCheckpointId: ckpt.Id), None);

        await _store.DeleteFlowAsync(flow.Id, None);

        Assert.Equal(0, (await _store.GetCheckpointAsync(ckpt.Id, None))!.ReferenceCount);
        Assert.Equal(CheckpointDeleteResult.Deleted, await _store.DeleteCheckpointAsync(ckpt.Id, force: false, None));
        await Assert.ThrowsAsync<StoreConflictException>(() => _store.CreateFlowAsync(new NewFlow("bad seed", SeedCheckpointId: 777), None));
    }

    [Fact]
    public async Task Every_mutation_appends_an_event_readable_by_another_instance_in_order()
    {
        IExperimentStore reader = await _target.OpenAsync();
        long start = await reader.GetLastEventIdAsync(None);
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("evented"), None);
        await _store.QueueFlowAsync(flow.Id, None);
        await _store.ClaimNextQueuedFlowAsync("w", None);
        ExperimentRecord exp = await _store.CreateExperimentAsync(new NewExperiment("Phase 1a", "1a", "ga", "neurons", flow.Id), None);
        await _store.StartExperimentAsync(exp.Id, None);
        await _store.AddIterationAsync(new IterationRecord { ExperimentId = exp.Id, Iteration = 1, BestCe = 10.5 }, None);
        await _store.CompleteExperimentAsync(exp.Id, new ExperimentResult(ExperimentStatus.Completed, 10.5, null, 1), None);
        CheckpointRecord ckpt = await _store.CreateCheckpointAsync(new NewCheckpoint("c", WriteFile("e.json.gz", 3), exp.Id), None);
        await _store.DeleteCheckpointAsync(ckpt.Id, false, None);
        await _store.FinishFlowAsync(flow.Id, "w", FlowStatus.Completed, null, None);

        IReadOnlyList<StoreEvent> events = await reader.ListEventsAsync(start, 100, None);

        Assert.Equal(
            [
                StoreEventTypes.FlowCreated, StoreEventTypes.FlowUpdated, StoreEventTypes.FlowStarted, StoreEventTypes.ExperimentCreated,
                StoreEventTypes.PhaseStarted, StoreEventTypes.IterationUpdate, StoreEventTypes.PhaseCompleted, StoreEventTypes.CheckpointCreated,
                StoreEventTypes.CheckpointDeleted, StoreEventTypes.FlowCompleted,
            ],
            events.Select(e => e.Type));
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.Equal(events[^1].Id, await reader.GetLastEventIdAsync(None));
        JsonElement iteration = JsonDocument.Parse(events[5].PayloadJson).RootElement;
        Assert.Equal((exp.Id, 10.5), (iteration.GetProperty("experiment_id").GetInt64(), iteration.GetProperty("best_ce").GetDouble()));
        Assert.Equal(ckpt.Id, JsonDocument.Parse(events[8].PayloadJson).RootElement.GetProperty("id").GetInt64());
        Assert.Equal("completed", JsonDocument.Parse(events[^1].PayloadJson).RootElement.GetProperty("status").GetString());
        Assert.Equal(2, (await reader.ListEventsAsync(start, 2, None)).Count);
    }

    [Fact]
    public async Task Validation_summaries_are_listed_per_flow_and_experiment()
    {
        FlowRecord flow = await _store.CreateFlowAsync(new NewFlow("f"), None);
        ExperimentRecord exp = await _store.CreateExperimentAsync(new NewExperiment("Phase 3b", "3b", "ts", "connections", flow.Id, 5), None);

        await _store.AddValidationSummaryAsync(new ValidationSummaryRecord { FlowId = flow.Id, ExperimentId = exp.Id, Split = "validation", Ce = 10.4, Accuracy = 0.21 }, None);
        await _store.AddValidationSummaryAsync(new ValidationSummaryRecord { FlowId = flow.Id, Split = "test", Ce = 10.6, Accuracy = 0.19 }, None);

        Assert.Equal(["validation", "test"], (await _store.ListValidationSummariesAsync(flow.Id, null, None)).Select(v => v.Split));
        ValidationSummaryRecord one = Assert.Single(await _store.ListValidationSummariesAsync(null, exp.Id, None));
        Assert.Equal((10.4, 0.21), (one.Ce, one.Accuracy));
    }

    private string WriteFile(string name, int bytes)
    {
        string path = Path.Combine(_target.FilesDirectory, name);
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }
}

public sealed class SqliteExperimentStoreTests : ExperimentStoreTests<SqliteTarget>;

public sealed class PostgresExperimentStoreTests : ExperimentStoreTests<PostgresTarget>;
