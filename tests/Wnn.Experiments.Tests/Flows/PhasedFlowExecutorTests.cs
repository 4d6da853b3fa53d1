using System.Text.Json.Nodes;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Flows;
using Wnn.Experiments.Phased;
using Wnn.Experiments.Tests.Phased;
using Wnn.Storage;

namespace Wnn.Experiments.Tests.Flows;

/// <summary>The phased flow executor against real SQLite and PostgreSQL stores, on small synthetic data.</summary>
public sealed class PhasedFlowExecutorTests
{
    private static readonly string[] PhaseKeys = ["1a", "1b", "2a", "2b", "3a", "3b"];

    /// <summary>The flow config JSON of <paramref name="config"/>: every search key under its YAML name.</summary>
    private static string Json(PhasedConfig config)
    {
        var json = new JsonObject { ["template"] = "standard-6-phase" };
        foreach (ConfigKey key in PhasedConfig.Keys)
        {
            json[key.Name] = key.Get(config) switch
            {
                null => null,
                bool b => b,
                string s => s,
                _ => JsonNode.Parse(key.Format(config)),
            };
        }

        return json.ToJsonString();
    }

    private static PhasedFlowExecutor Executor(EvaluationCounter? counter = null) =>
        new((config, _) => Synthetic.Data(config.Search, factory: (counter ?? new EvaluationCounter(-1, null)).Wrap));

    /// <summary>What <c>wnn search --checkpoint-dir</c> writes for the same configuration.</summary>
    private static string SearchDirectly(PhasedConfig config, TempDir dir, SeedSource? seed = null)
    {
        string ck = dir.File("direct-" + Guid.NewGuid().ToString("N")[..6]);
        new PhasedRunner(config, Synthetic.Data(config, factory: new EvaluationCounter(-1, null).Wrap),
            new PhasedRunOptions { CheckpointDirectory = ck, Seed = seed }).Run();
        return ck;
    }

    private static void AssertSameFiles(string expectedDir, string actualDir)
    {
        string[] names = [.. Directory.GetFiles(expectedDir).Select(Path.GetFileName).Order()!];
        Assert.Equal(6, names.Length);
        Assert.Equal(names, Directory.GetFiles(actualDir).Select(Path.GetFileName).Order());
        foreach (string name in names)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expectedDir, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, name))), name);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_flow_runs_six_phases_as_experiments_with_iterations_and_registered_checkpoints(string provider)
    {
        await using FlowTestStore db = await FlowTestStore.OpenAsync(provider);
        PhasedConfig config = Synthetic.SmallConfig() with { PhaseOrder = "bits_first" };
        (FlowRecord flow, StoreFlowProgress progress) = await db.ClaimAsync("pass 1", Json(config));

        await Executor().ExecuteAsync(flow, progress, CancellationToken.None);

        IReadOnlyList<ExperimentRecord> experiments = await db.Store.ListExperimentsAsync(flow.Id, CancellationToken.None);
        Assert.Equal(PhaseKeys, experiments.Select(e => e.PhaseKey));
        Assert.Equal([0, 1, 2, 3, 4, 5], experiments.Select(e => e.Sequence));
        Assert.Equal(["ga", "ts", "ga", "ts", "ga", "ts"], experiments.Select(e => e.Kind));
        Assert.Equal(["bits", "bits", "neurons", "neurons", "connections", "connections"], experiments.Select(e => e.Dimension));
        Assert.Equal("Phase 1a: GA Bits", experiments[0].Name);
        Assert.All(experiments, e => Assert.Equal(ExperimentStatus.Completed, e.Status));
        foreach (ExperimentRecord e in experiments)
        {
            IReadOnlyList<IterationRecord> iterations = await db.Store.ListIterationsAsync(e.Id, 0, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, e.IterationsRun), iterations.Select(i => i.Iteration));
            Assert.All(iterations, i =>
            {
                Assert.True(i.MeanCe >= i.BestCe, $"mean {i.MeanCe} < best {i.BestCe}");
                Assert.InRange(i.BestAccuracy!.Value, 0, 1);
                Assert.InRange(i.MeanAccuracy!.Value, 0, 1);
                Assert.NotNull(i.Threshold);
                Assert.InRange(i.PatienceCounter!.Value, 0, config.EffectivePatience);
                Assert.True(i.ElapsedSeconds >= 0);
            });
        }

        IReadOnlyList<CheckpointRecord> checkpoints = (await db.Store.ListCheckpointsAsync(false, null, CancellationToken.None)).OrderBy(c => c.Id).ToList();
        Assert.Equal(experiments.Select(e => (long?)e.Id), checkpoints.Select(c => c.ExperimentId));
        Assert.Equal(["phase_1a_ga_bits.json.gz", "phase_1b_ts_bits.json.gz", "phase_2a_ga_neurons.json.gz", "phase_2b_ts_neurons.json.gz",
            "phase_3a_ga_connections.json.gz", "phase_3b_ts_connections.json.gz"], checkpoints.Select(c => Path.GetFileName(c.FilePath)));
        Assert.All(checkpoints, c => Assert.Equal(new FileInfo(c.FilePath).Length, c.FileSizeBytes));
        Assert.Equal([false, false, false, false, false, true], checkpoints.Select(c => c.IsFinal));
        Assert.Equal(experiments.Select(e => e.FullDataCe), checkpoints.Select(c => c.FinalFitness));
        Assert.Equal(experiments.Select(e => (int?)e.IterationsRun), checkpoints.Select(c => c.IterationsRun));
        Assert.All(checkpoints, c => Assert.Equal(Synthetic.Data(config).ClusterCount,
            JsonNode.Parse(c.GenomeStatsJson!)!["clusters"]!.GetValue<int>()));
        Assert.All(checkpoints, c => Assert.Equal(progress.CheckpointDirectory, Path.GetDirectoryName(c.FilePath)));

        // The same files, byte for byte, as the search writes on its own: both paths stay interchangeable.
        AssertSameFiles(SearchDirectly(config, db.Dir), progress.CheckpointDirectory);
        Assert.Equal(checkpoints[^1].FinalFitness, CheckpointStore.Load(checkpoints[^1].FilePath).Result!.Best.CrossEntropy);
        Assert.Equal("checkpoint", SeedLoader.Load(checkpoints[^1].FilePath).Kind);
    }

    [Fact]
    public async Task A_stopped_flow_leaves_a_mid_phase_checkpoint_and_its_restart_completes_the_same_files()
    {
        await using FlowTestStore db = await FlowTestStore.OpenAsync("sqlite");
        PhasedConfig config = Synthetic.SmallConfig();
        (FlowRecord flow, StoreFlowProgress progress) = await db.ClaimAsync("stopped", Json(config));

        // Stop during phase 2a (after the baseline and two complete phases, each well under 80 evaluations).
        using var stop = new CancellationTokenSource();
        var counter = new EvaluationCounter(-1, null);
        int stopAt = CountUntilPhase(config, "2a") + 12;
        var stopping = new EvaluationCounter(stopAt, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Executor(stopping).ExecuteAsync(flow, progress, stop.Token));

        IReadOnlyList<ExperimentRecord> first = await db.Store.ListExperimentsAsync(flow.Id, CancellationToken.None);
        Assert.Equal(["1a", "1b", "2a"], first.Select(e => e.PhaseKey));
        Assert.Equal([ExperimentStatus.Completed, ExperimentStatus.Completed, ExperimentStatus.Cancelled], first.Select(e => e.Status));
        Assert.True(File.Exists(Path.Combine(progress.CheckpointDirectory, "phase_2a_ga_bits.mid.json.gz")));
        Assert.Equal(2, (await db.Store.ListCheckpointsAsync(false, null, CancellationToken.None)).Count);

        await Executor(counter).ExecuteAsync(flow, progress, CancellationToken.None);

        IReadOnlyList<ExperimentRecord> all = await db.Store.ListExperimentsAsync(flow.Id, CancellationToken.None);
        Assert.Equal(["1a", "1b", "2a", "2a", "2b", "3a", "3b"], all.Select(e => e.PhaseKey));
        Assert.Equal(PhaseKeys, all.Where(e => e.Status == ExperimentStatus.Completed).Select(e => e.PhaseKey));
        ExperimentRecord resumed = all[3];
        Assert.True(JsonNode.Parse(resumed.ConfigJson)!["resumed_at_iteration"]!.GetValue<int>() > 0);
        int firstResumed = (await db.Store.ListIterationsAsync(resumed.Id, 0, CancellationToken.None))[0].Iteration;
        Assert.Equal(JsonNode.Parse(resumed.ConfigJson)!["resumed_at_iteration"]!.GetValue<int>() + 1, firstResumed);
        Assert.Empty(Directory.GetFiles(progress.CheckpointDirectory, "*.mid.json.gz"));
        Assert.Equal(6, (await db.Store.ListCheckpointsAsync(false, null, CancellationToken.None)).Count);
        AssertSameFiles(SearchDirectly(config, db.Dir), progress.CheckpointDirectory);

        // Executing a finished flow again does nothing.
        await Executor().ExecuteAsync(flow, progress, CancellationToken.None);
        Assert.Equal(7, (await db.Store.ListExperimentsAsync(flow.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_flow_restarted_after_its_config_was_edited_refuses_result_keys_and_applies_safe_ones()
    {
        await using FlowTestStore db = await FlowTestStore.OpenAsync("sqlite");
        PhasedConfig config = Synthetic.SmallConfig();
        (FlowRecord flow, StoreFlowProgress progress) = await db.ClaimAsync("edited", Json(config));
        using var stop = new CancellationTokenSource();
        var stopping = new EvaluationCounter(CountUntilPhase(config, "2a") + 12, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Executor(stopping).ExecuteAsync(flow, progress, stop.Token));

        FlowRecord edited = flow with { ConfigJson = Json(config with { PopulationSize = 9, MutationRate = 0.5 }) };
        var ex = await Assert.ThrowsAsync<ConfigException>(() => Executor().ExecuteAsync(edited, progress, CancellationToken.None));
        Assert.Contains("search.population (checkpoint 6, given 9)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mutation.rate (checkpoint 0.3, given 0.5)", ex.Message, StringComparison.Ordinal);

        FlowRecord safe = flow with { ConfigJson = Json(config with { TsIterations = 1 }) };
        await Executor().ExecuteAsync(safe, progress, CancellationToken.None);
        PhaseCheckpoint last = CheckpointStore.Load(Path.Combine(progress.CheckpointDirectory, "phase_3b_ts_connections.json.gz"));
        Assert.Equal("1", last.Config["ts.iterations"]);
        Assert.Equal(1, last.Result!.Iterations);
    }

    [Fact]
    public async Task An_experiment_left_running_by_a_dead_worker_is_closed_and_its_phase_rerun()
    {
        await using FlowTestStore db = await FlowTestStore.OpenAsync("sqlite");
        PhasedConfig config = Synthetic.SmallConfig();
        (FlowRecord flow, StoreFlowProgress progress) = await db.ClaimAsync("requeued", Json(config));

        // The dead worker's record: phase 1a started and reported one iteration, then the process vanished.
        ExperimentRecord dead = await progress.StartExperimentAsync(new NewExperiment("Phase 1a: GA Neurons", "1a", "ga", "neurons", flow.Id, 0),
            CancellationToken.None);
        await progress.ReportIterationAsync(new IterationRecord { ExperimentId = dead.Id, Iteration = 1, BestCe = 9 }, CancellationToken.None);

        await Executor().ExecuteAsync(flow, progress, CancellationToken.None);

        IReadOnlyList<ExperimentRecord> all = await db.Store.ListExperimentsAsync(flow.Id, CancellationToken.None);
        Assert.Equal((ExperimentStatus.Cancelled, 1), (all[0].Status, all[0].IterationsRun));
        Assert.Equal(PhaseKeys, all.Where(e => e.Status == ExperimentStatus.Completed).Select(e => e.PhaseKey));
        AssertSameFiles(SearchDirectly(config, db.Dir), progress.CheckpointDirectory);
    }

    [Fact]
    public async Task A_flow_seeded_from_a_checkpoint_starts_from_its_genomes()
    {
        await using FlowTestStore db = await FlowTestStore.OpenAsync("sqlite");
        PhasedConfig config = Synthetic.SmallConfig();
        (FlowRecord pass1, StoreFlowProgress progress1) = await db.ClaimAsync("pass 1", Json(config));
        await Executor().ExecuteAsync(pass1, progress1, CancellationToken.None);
        await db.Store.FinishFlowAsync(pass1.Id, "test-worker", FlowStatus.Completed, null, CancellationToken.None);
        CheckpointRecord final = (await db.Store.ListCheckpointsAsync(true, null, CancellationToken.None)).Single();

        PhasedConfig config2 = config with { Pass = 2 };
        (FlowRecord pass2, StoreFlowProgress progress2) = await db.ClaimAsync("pass 2", Json(config2), final.Id);
        await Executor().ExecuteAsync(pass2, progress2, CancellationToken.None);

        Assert.Equal(1, (await db.Store.GetCheckpointAsync(final.Id, CancellationToken.None))!.ReferenceCount);
        AssertSameFiles(SearchDirectly(config2, db.Dir, SeedLoader.Load(final.FilePath)), progress2.CheckpointDirectory);
    }

    /// <summary>Evaluations an uninterrupted run makes before phase <paramref name="phase"/> starts.</summary>
    private static int CountUntilPhase(PhasedConfig config, string phase)
    {
        var counter = new EvaluationCounter(-1, null);
        var observer = new CountingObserver(counter, phase);
        new PhasedRunner(config, Synthetic.Data(config, factory: counter.Wrap), new PhasedRunOptions { Observer = observer }).Run();
        return observer.CountAtStart;
    }

    private sealed class CountingObserver(EvaluationCounter counter, string phase) : IPhaseObserver
    {
        public int CountAtStart { get; private set; }

        public void PhaseStarting(PhaseSpec spec, int phaseIndex, int iteration)
        {
            if (spec.Key == phase)
            {
                CountAtStart = counter.Count;
            }
        }

        public void PhaseCompleted(PhaseSpec spec, int phaseIndex, PhaseResult result, string? checkpointPath)
        {
        }
    }
}
