using Wnn.Experiments.Sweeps;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Tracking.MLflow.Tests;

/// <summary>
/// The file store against MLflow's FileStore layout (mlflow/store/tracking/file_store.py: meta.yaml written by
/// yaml.safe_dump with sorted keys, RunStatus numbers, source_type 4 = LOCAL, "timestamp value step" metric lines with
/// Python's str(float), params/, tags/, artifacts/, experiment 0 "Default" and .trash), byte for byte on a hand-checked
/// example: the expected texts below were written by hand from that source, not produced by the code.
/// </summary>
public sealed class MlflowFileStoreTests : IDisposable
{
    private const long Now = 1764590400000;
    private const string RunId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string ExperimentId = "123456789012345";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wnn-mlruns-" + Guid.NewGuid().ToString("N"), "mlruns");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_root)))
        {
            Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
        }
    }

    private string Read(params string[] parts) => File.ReadAllText(Path.Combine([_root, .. parts]));

    [Fact]
    public async Task A_run_is_written_in_mlflows_file_store_layout_byte_for_byte()
    {
        using var store = new MlflowFileStore(_root, () => Now, () => RunId, () => ExperimentId);
        string experiment = await store.GetOrCreateExperimentAsync("lr sweep: v2", CancellationToken.None);
        Assert.Equal(ExperimentId, experiment);
        Assert.Equal(ExperimentId, await store.GetOrCreateExperimentAsync("lr sweep: v2", CancellationToken.None));
        string run = await store.CreateRunAsync(experiment, "exp_1-job0-trial0", 1764590000000, new Dictionary<string, string>(), CancellationToken.None);
        Assert.Equal(RunId, run);
        await store.LogBatchAsync(run,
            [new("val_loss", 0.5, 1764590001000, 0), new("val_loss", 0.25, 1764590002000, 1), new("acc", 1, 1764590001000, 0), new("lr/scaled", 1e-05, 1764590001000, 0)],
            new Dictionary<string, string> { ["lr"] = "0.01", ["model.layers"] = "2" },
            new Dictionary<string, string> { ["wnn.state"] = "complete" }, CancellationToken.None);
        await store.LogBatchAsync(run, [new("val_loss", 1e16, 1764590003000, 2)], new Dictionary<string, string>(), new Dictionary<string, string>(), CancellationToken.None);
        Assert.True(await store.LogArtifactAsync(run, "cfg.yaml", "lr: 0.01\n"u8.ToArray(), CancellationToken.None));
        await store.UpdateRunAsync(run, "FINISHED", 1764590030000, CancellationToken.None);

        string uri = "file://" + _root;
        Assert.Equal($"artifact_location: {uri}/0\ncreation_time: 1764590400000\nexperiment_id: '0'\nlast_update_time: 1764590400000\nlifecycle_stage: active\nname: Default\n", Read("0", "meta.yaml"));
        Assert.Equal($"artifact_location: {uri}/{ExperimentId}\ncreation_time: 1764590400000\nexperiment_id: '{ExperimentId}'\nlast_update_time: 1764590400000\nlifecycle_stage: active\nname: 'lr sweep: v2'\n", Read(ExperimentId, "meta.yaml"));
        Assert.Equal(
            $"artifact_uri: {uri}/{ExperimentId}/{RunId}/artifacts\n" +
            "deleted_time: null\n" +
            "end_time: 1764590030000\n" +
            "entry_point_name: ''\n" +
            $"experiment_id: '{ExperimentId}'\n" +
            "lifecycle_stage: active\n" +
            $"run_id: {RunId}\n" +
            "run_name: exp_1-job0-trial0\n" +
            $"run_uuid: {RunId}\n" +
            "source_name: ''\n" +
            "source_type: 4\n" +
            "source_version: ''\n" +
            "start_time: 1764590000000\n" +
            "status: 3\n" +
            "tags: []\n" +
            $"user_id: {MlflowFileStore.Scalar(Environment.UserName)}\n",
            Read(ExperimentId, RunId, "meta.yaml"));
        Assert.Equal("1764590001000 0.5 0\n1764590002000 0.25 1\n1764590003000 1e+16 2\n", Read(ExperimentId, RunId, "metrics", "val_loss"));
        Assert.Equal("1764590001000 1.0 0\n", Read(ExperimentId, RunId, "metrics", "acc"));
        Assert.Equal("1764590001000 1e-05 0\n", Read(ExperimentId, RunId, "metrics", "lr", "scaled"));
        Assert.Equal("0.01", Read(ExperimentId, RunId, "params", "lr"));
        Assert.Equal("2", Read(ExperimentId, RunId, "params", "model.layers"));
        Assert.Equal("exp_1-job0-trial0", Read(ExperimentId, RunId, "tags", "mlflow.runName"));
        Assert.Equal("complete", Read(ExperimentId, RunId, "tags", "wnn.state"));
        Assert.Equal("lr: 0.01\n", Read(ExperimentId, RunId, "artifacts", "cfg.yaml"));
        Assert.True(Directory.Exists(Path.Combine(_root, ".trash")));

        // Nothing half-written is left: no temp files anywhere.
        Assert.DoesNotContain(Directory.GetFiles(_root, "*", SearchOption.AllDirectories), f => f.Contains(".tmp-", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentException>(() => store.LogArtifactAsync(run, "../escape", [1], CancellationToken.None));
        await Assert.ThrowsAsync<MlflowException>(() => store.UpdateRunAsync("nope", "FINISHED", 1, CancellationToken.None));
    }

    [Theory]
    [InlineData("Default", "Default")]
    [InlineData("0", "'0'")]
    [InlineData("1.5", "'1.5'")]
    [InlineData("true", "'true'")]
    [InlineData("null", "'null'")]
    [InlineData("2026-12-01", "'2026-12-01'")]
    [InlineData("0b12", "0b12")]
    [InlineData("", "''")]
    [InlineData("it's", "it's")]
    [InlineData("'quoted'", "'''quoted'''")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("file:///tmp/mlruns/0", "file:///tmp/mlruns/0")]
    [InlineData("-x", "'-x'")]
    public void Yaml_strings_are_quoted_exactly_when_pyyaml_would_quote_them(string text, string expected) => Assert.Equal(expected, MlflowFileStore.Scalar(text));

    [Fact]
    public async Task A_sweep_tracked_to_a_file_store_reads_back_with_params_metrics_tags_status_and_artifacts()
    {
        string runDir = Path.Combine(Path.GetDirectoryName(_root)!, "run0");
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "cfg.yaml"), "lr: 0.01\n");
        File.WriteAllText(Path.Combine(runDir, "run.log"), "done\n");
        Uri uri = MlflowSweepTracker.ResolveUri("file:" + _root, null)!;
        var definition = new SweepDefinition { Name = "lr-sweep", Kind = SweepKind.Grid, Command = ["true"], SweepDir = "/tmp/unused", Optimization = new SweepOptimization { TargetMetric = "val_loss" } };
        var warnings = new StringWriter();
        await using (var tracker = new MlflowSweepTracker(uri, warnings))
        {
            tracker.Started(definition, "exp_1", 2, 0, 0);
            tracker.TrialStarted(0, 0, new Dictionary<string, object?>());
            tracker.TrialMetric(0, new MetricReport(0, new Dictionary<string, double> { ["val_loss"] = 0.75 }));
            tracker.TrialFinished(0, new FrozenTrial
            {
                Id = 1, Number = 0, State = TrialState.Complete, Values = [0.75], Params = new Dictionary<string, object?> { ["lr"] = 0.01 },
                Started = DateTimeOffset.FromUnixTimeMilliseconds(1000), Completed = DateTimeOffset.FromUnixTimeMilliseconds(5000),
                UserAttributes = new Dictionary<string, object?> { [SweepController.RunDirAttribute] = runDir },
            }, null, false);
            tracker.TrialFinished(1, new FrozenTrial { Id = 2, Number = 1, State = TrialState.Failed, Params = new Dictionary<string, object?> { ["lr"] = 0.1 } }, "exit code 3", false);
        }

        Assert.Equal("", warnings.ToString());
        string experiment = Assert.Single(Directory.GetDirectories(_root).Select(Path.GetFileName), d => d is not ("0" or ".trash"))!;
        Assert.Contains("name: lr-sweep\n", Read(experiment, "meta.yaml"));
        string[] runs = [.. Directory.GetDirectories(Path.Combine(_root, experiment)).Select(Path.GetFileName)!];
        Assert.Equal(2, runs.Length);
        var byName = runs.ToDictionary(r => Read(experiment, r, "tags", "mlflow.runName"), r => r);
        string ok = byName["exp_1-job0-trial0"], failed = byName["exp_1-job1-trial1"];
        Assert.Contains("status: 3\n", Read(experiment, ok, "meta.yaml"));
        Assert.Contains("start_time: 1000\n", Read(experiment, ok, "meta.yaml"));
        Assert.Contains("end_time: 5000\n", Read(experiment, ok, "meta.yaml"));
        Assert.Contains("status: 4\n", Read(experiment, failed, "meta.yaml"));
        Assert.Equal("0.01", Read(experiment, ok, "params", "lr"));
        Assert.EndsWith(" 0.75 0\n", Read(experiment, ok, "metrics", "val_loss"));
        Assert.Equal("exit code 3", Read(experiment, failed, "tags", "wnn.reason"));
        Assert.Equal("lr: 0.01\n", Read(experiment, ok, "artifacts", "cfg.yaml"));
        Assert.Equal("done\n", Read(experiment, ok, "artifacts", "run.log"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, experiment, failed, "artifacts")));
    }
}
