using Wnn.Experiments.Sweeps;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Tracking.MLflow.Tests;

public sealed class MlflowTrackingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static SweepDefinition Definition() => new()
    {
        Name = "lr-sweep",
        Kind = SweepKind.Grid,
        Command = ["python3", "train.py"],
        SweepDir = "/tmp/unused",
        Config = new Dictionary<string, object?> { ["model"] = new Dictionary<string, object?> { ["layers"] = 2L, ["act"] = "relu" }, ["epochs"] = 3L },
        Optimization = new SweepOptimization { TargetMetric = "val_loss" },
    };

    private static FrozenTrial Trial(int number, TrialState state, double? value, double lr, IReadOnlyDictionary<string, object?>? attributes = null) => new()
    {
        UserAttributes = attributes ?? new Dictionary<string, object?>(),
        Id = number + 100,
        Number = number,
        State = state,
        Values = value is null ? null : [value.Value],
        Params = new Dictionary<string, object?> { ["lr"] = lr, ["model.act"] = number == 1 ? "gelu" : "relu" },
        Started = T0.AddMinutes(number),
        Completed = T0.AddMinutes(number).AddSeconds(30),
    };

    private static void Feed(ISweepObserver tracker)
    {
        tracker.Started(Definition(), "exp_1", 3, 0, 0);
        tracker.TrialStarted(0, 0, new Dictionary<string, object?>());
        for (int step = 0; step < 3; step++)
        {
            tracker.TrialMetric(0, new MetricReport(step, new Dictionary<string, double> { ["val_loss"] = 1.0 / (step + 1), ["acc"] = step / 10.0 }));
        }

        tracker.TrialFinished(0, Trial(0, TrialState.Complete, 1.0 / 3, 0.01), null, false);
        tracker.TrialStarted(1, 1, new Dictionary<string, object?>());
        tracker.TrialFinished(1, Trial(1, TrialState.Failed, null, 0.1), "exit code 3", false);
        tracker.TrialStarted(2, 2, new Dictionary<string, object?>());
        tracker.TrialMetric(2, new MetricReport(null, new Dictionary<string, double> { ["val_loss"] = 9 }));
        tracker.TrialMetric(2, new MetricReport(null, new Dictionary<string, double> { ["val_loss"] = 8 }));
        tracker.TrialFinished(2, Trial(2, TrialState.Pruned, 8, 1), "pruned at step 1", false);
    }

    [Fact]
    public async Task Each_trial_becomes_a_run_with_flattened_params_stepped_metrics_tags_and_status()
    {
        using var server = new MlflowProtocolServer();
        var warnings = new StringWriter();
        await using (var tracker = new MlflowSweepTracker(server.Uri, warnings))
        {
            Feed(tracker);
        }

        Assert.Empty(server.Refusals);
        Assert.Equal("", warnings.ToString());
        Assert.Equal(new Dictionary<string, string> { ["lr-sweep"] = "1" }, server.Experiments);
        Assert.Equal(1, server.Requests.Count(r => r == "POST /api/2.0/mlflow/experiments/create"));
        Assert.Equal(3, server.Runs.Count);
        var runs = server.Runs.Values.OrderBy(r => r.StartTime).ToList();
        Assert.Equal(["exp_1-job0-trial0", "exp_1-job1-trial1", "exp_1-job2-trial2"], runs.Select(r => r.Name));
        Assert.Equal(["FINISHED", "FAILED", "KILLED"], runs.Select(r => r.Status));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), runs[0].StartTime);
        Assert.Equal(T0.AddSeconds(30).ToUnixTimeMilliseconds(), runs[0].EndTime);

        // The fixed config flattened and the swept values (a swept key wins over the fixed one).
        Assert.Equal(new Dictionary<string, string> { ["epochs"] = "3", ["lr"] = "0.01", ["model.act"] = "relu", ["model.layers"] = "2" }, runs[0].Params);
        Assert.Equal("gelu", runs[1].Params["model.act"]);
        Assert.Equal([(0L, 1.0), (1L, 0.5), (2L, 1.0 / 3)], runs[0].Metrics.Where(m => m.Key == "val_loss").Select(m => (m.Step, m.Value)));
        Assert.Equal([0L, 1L, 2L], runs[0].Metrics.Where(m => m.Key == "acc").Select(m => m.Step));

        // Reports without a step are numbered in order; the failed trial reported nothing and has no metric.
        Assert.Equal([(0L, 9.0), (1L, 8.0)], runs[2].Metrics.Select(m => (m.Step, m.Value)));
        Assert.Empty(runs[1].Metrics);
        Assert.Equal("exp_1", runs[1].Tags["wnn.sweep_id"]);
        Assert.Equal("1", runs[1].Tags["wnn.job"]);
        Assert.Equal("failed", runs[1].Tags["wnn.state"]);
        Assert.Equal("exit code 3", runs[1].Tags["wnn.reason"]);
        Assert.Equal("exp_1-job1-trial1", runs[1].Tags["mlflow.runName"]);
    }

    [Fact]
    public async Task A_tracking_server_that_is_down_gives_one_warning_and_never_throws()
    {
        int port = MlflowProtocolServer.FreePort();
        var warnings = new StringWriter();
        var uri = new Uri($"http://127.0.0.1:{port}/");
        var tracker = new MlflowSweepTracker(uri, warnings, TimeSpan.FromSeconds(1), new MlflowClient(uri, attempts: 1));
        Feed(tracker);
        await tracker.DisposeAsync();
        string[] lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"warning: MLflow tracking at {uri} failed (", lines[0]);
        Assert.Equal($"warning: MLflow: 3 run(s) of this sweep could not be logged to {uri}; the sweep's own records are complete", lines[1].TrimEnd());
        Assert.Equal(3, tracker.NotLogged);
        Assert.Equal(0, tracker.Logged);
    }

    [Fact]
    public async Task Runs_that_failed_while_the_server_was_down_are_sent_again_without_duplicates()
    {
        using var server = new MlflowProtocolServer { FailFirst = 2 };
        var warnings = new StringWriter();
        await using (var tracker = new MlflowSweepTracker(server.Uri, warnings, TimeSpan.FromSeconds(10), new MlflowClient(server.Uri, attempts: 1)))
        {
            Feed(tracker);
        }

        Assert.Empty(server.Refusals);
        Assert.Single(warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, server.Runs.Count);
        Assert.All(server.Runs.Values, r => Assert.Equal(1, r.Batches));
        Assert.Single(server.Experiments);
    }

    [Fact]
    public async Task Log_batch_is_split_within_the_documented_limits_and_cuts_long_values()
    {
        using var server = new MlflowProtocolServer();
        using var client = new MlflowClient(server.Uri);
        string experiment = await client.GetOrCreateExperimentAsync("limits", CancellationToken.None);
        Assert.Equal(experiment, await client.GetOrCreateExperimentAsync("limits", CancellationToken.None));
        string run = await client.CreateRunAsync(experiment, "big", 1, new Dictionary<string, string>(), CancellationToken.None);
        var metrics = Enumerable.Range(0, 2500).Select(i => new MlflowMetric("m" + (i % 7), i, 1000 + i, i)).ToList();
        var parameters = Enumerable.Range(0, 250).ToDictionary(i => $"p{i:000}", i => new string('v', i == 0 ? 7000 : 5900));
        var tags = Enumerable.Range(0, 120).ToDictionary(i => "t" + i, i => "x");
        parameters[new string('k', 300)] = "long key";
        await client.LogBatchAsync(run, metrics, parameters, tags, CancellationToken.None);
        await client.UpdateRunAsync(run, "FINISHED", 99, CancellationToken.None);

        Assert.Empty(server.Refusals);
        MlflowProtocolServer.Run r = server.Runs[run];
        Assert.Equal(2500, r.Metrics.Count);
        Assert.Equal(metrics.Select(m => (m.Key, m.Value, m.Timestamp, m.Step)), r.Metrics);
        Assert.Equal(251, r.Params.Count);
        Assert.Equal(6000, r.Params["p000"].Length);
        Assert.EndsWith("…", r.Params["p000"]);
        Assert.Equal(250, r.Params.Keys.Max(k => k.Length));
        Assert.Equal(120, r.Tags.Count);
        Assert.True(r.Batches >= 3, $"{r.Batches} batches");
        Assert.Equal(("FINISHED", 99L), (r.Status, r.EndTime!.Value));

        // The documented refusals reach the caller as one clear error: an unknown status.
        MlflowException e = await Assert.ThrowsAsync<MlflowException>(() => client.UpdateRunAsync(run, "DONE", 1, CancellationToken.None));
        Assert.Contains("HTTP 400", e.Message);
    }

    [Fact]
    public void The_tracking_uri_comes_from_the_option_then_the_config_then_the_environment()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), MlflowSweepTracker.ResolveUri("http://127.0.0.1:5000", "http://other:1", "http://config:2"));
        Assert.Equal(new Uri("http://config:2/"), MlflowSweepTracker.ResolveUri(null, "http://other:1", "http://config:2"));
        Assert.Equal(new Uri("http://other:1/"), MlflowSweepTracker.ResolveUri(null, "http://other:1"));
        Assert.Null(MlflowSweepTracker.ResolveUri(null, ""));
        Assert.Equal(new Uri(Path.GetFullPath("mlruns")), MlflowSweepTracker.ResolveUri("file:./mlruns", null));
        Assert.Equal("/data/mlruns", MlflowSweepTracker.ResolveUri("file:///data/mlruns", null)!.LocalPath);
        Assert.Equal("/data/mlruns", MlflowSweepTracker.ResolveUri("file:/data/mlruns", null)!.LocalPath);
        ArgumentException e = Assert.Throws<ArgumentException>(() => MlflowSweepTracker.ResolveUri("ftp://host/x", null));
        Assert.Contains("'ftp://host/x' is not accepted", e.Message);
        Assert.Throws<ArgumentException>(() => MlflowSweepTracker.ResolveUri("file://host/mlruns", null));
    }

    [Fact]
    public void Credentials_come_from_the_token_else_username_and_password_as_mlflow_reads_them()
    {
        Assert.Null(MlflowClient.AuthorizationFrom(_ => null));
        Assert.Equal("Bearer tok-1", MlflowClient.AuthorizationFrom(k => k switch { "MLFLOW_TRACKING_TOKEN" => "tok-1", "MLFLOW_TRACKING_USERNAME" => "u", "MLFLOW_TRACKING_PASSWORD" => "p", _ => null })!.ToString());

        // base64("alice:s3cr:t") = YWxpY2U6czNjcjp0 (by hand: the password may hold ':'; only the first one separates).
        Assert.Equal("Basic YWxpY2U6czNjcjp0", MlflowClient.AuthorizationFrom(k => k switch { "MLFLOW_TRACKING_USERNAME" => "alice", "MLFLOW_TRACKING_PASSWORD" => "s3cr:t", _ => null })!.ToString());
        ArgumentException e = Assert.Throws<ArgumentException>(() => MlflowClient.AuthorizationFrom(k => k == "MLFLOW_TRACKING_USERNAME" ? "alice" : null));
        Assert.Contains("MLFLOW_TRACKING_PASSWORD is not set", e.Message);
    }

    [Fact]
    public async Task A_server_that_needs_credentials_gets_them_on_every_request_and_refuses_without()
    {
        using var server = new MlflowProtocolServer { RequiredAuthorization = "Basic YWxpY2U6czNjcjp0" };
        var auth = MlflowClient.AuthorizationFrom(k => k switch { "MLFLOW_TRACKING_USERNAME" => "alice", "MLFLOW_TRACKING_PASSWORD" => "s3cr:t", _ => null });
        await using (var tracker = new MlflowSweepTracker(server.Uri, new StringWriter(), client: new MlflowClient(server.Uri, authorization: auth)))
        {
            Feed(tracker);
        }

        Assert.Empty(server.Refusals);
        Assert.Equal(3, server.Runs.Count);

        using var anonymous = new MlflowClient(server.Uri, attempts: 1);
        MlflowException e = await Assert.ThrowsAsync<MlflowException>(() => anonymous.GetOrCreateExperimentAsync("x", CancellationToken.None));
        Assert.Contains("HTTP 401", e.Message);
    }

    [Fact]
    public async Task Cfg_yaml_and_run_log_go_up_through_the_artifact_proxy_and_a_server_without_it_gets_a_note()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wnn-mlflow-art-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "cfg.yaml"), "lr: 0.01\nmodel:\n  layers: 2\n");
            File.WriteAllText(Path.Combine(dir, "run.log"), "epoch 1 loss 0.5\n");
            var attributes = new Dictionary<string, object?> { [SweepController.RunDirAttribute] = dir };
            FrozenTrial trial = Trial(0, TrialState.Complete, 0.5, 0.01, attributes);

            using var server = new MlflowProtocolServer();
            await using (var tracker = new MlflowSweepTracker(server.Uri, new StringWriter()))
            {
                tracker.Started(Definition(), "exp_1", 1, 0, 0);
                tracker.TrialStarted(0, 0, new Dictionary<string, object?>());
                tracker.TrialFinished(0, trial, null, false);
            }

            Assert.Empty(server.Refusals);
            string runId = Assert.Single(server.Runs).Key;
            Assert.Equal([$"1/{runId}/artifacts/cfg.yaml", $"1/{runId}/artifacts/run.log"], server.Artifacts.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("lr: 0.01\nmodel:\n  layers: 2\n", System.Text.Encoding.UTF8.GetString(server.Artifacts[$"1/{runId}/artifacts/cfg.yaml"].Content));
            Assert.Equal("text/plain", server.Artifacts[$"1/{runId}/artifacts/run.log"].ContentType);
            Assert.Contains($"PUT /api/2.0/mlflow-artifacts/artifacts/1/{runId}/artifacts/run.log", server.Requests);
            Assert.Equal("FINISHED", server.Runs[runId].Status);

            using var s3 = new MlflowProtocolServer { ServeArtifacts = false };
            var warnings = new StringWriter();
            await using (var tracker = new MlflowSweepTracker(s3.Uri, warnings))
            {
                tracker.Started(Definition(), "exp_1", 1, 0, 0);
                tracker.TrialFinished(0, trial, null, false);
                tracker.TrialFinished(1, Trial(1, TrialState.Complete, 0.5, 0.01, attributes), null, false);
            }

            Assert.Empty(s3.Artifacts);
            Assert.Equal(2, s3.Runs.Count);
            Assert.All(s3.Runs.Values, r => Assert.Equal("FINISHED", r.Status));
            Assert.StartsWith("note: MLflow at ", Assert.Single(warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
