using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Wnn.Experiments.Sweeps;
using Wnn.Experiments.Sweeps.Demo;
using Wnn.Search;
using Wnn.Search.Samplers;
using Wnn.Storage;

namespace Wnn.Server.Tests;

/// <summary>
/// <c>/api/sweeps</c> and <c>/api/studies</c> over a real sweep (the sweep controller with its SQLite sweep.db, run in
/// this process with a fast deterministic objective) and a real study: lists, trials with paging, reports, ETags, the
/// log tail, errors, the token rule, and the <c>StudyUpdated</c> push while a sweep runs.
/// </summary>
public sealed class SweepsApiTests
{
    private const int Jobs = 6;

    /// <summary>val_acc = a smooth function of lr and hidden_dim, reported at 3 steps; job 3 fails (an exception), like a diverged run.</summary>
    private static InProcessTrialExecutor Objective() => new((job, context, ct) =>
    {
        double lr = Convert.ToDouble(job.Config["lr"], CultureInfo.InvariantCulture);
        int hidden = Convert.ToInt32(job.Config["hidden_dim"], CultureInfo.InvariantCulture);
        if (job.Job == 3)
        {
            throw new InvalidOperationException("loss diverged at step 2");
        }

        double target = 1 - (Math.Abs(Math.Log10(lr / 0.3)) / 4) - (Math.Abs(hidden - 16) / 100.0);
        for (int step = 1; step <= 3; step++)
        {
            context.Log($"step {step} val_acc {target * step / 3:F4}");
            context.Report(step, new Dictionary<string, double> { ["val_acc"] = target * step / 3, ["val_loss"] = 1 - (target * step / 3) });
        }

        return Task.CompletedTask;
    });

    /// <summary>Runs a sweep of <paramref name="jobs"/> jobs to its end under <paramref name="sweepsRoot"/>, in its sweep.db or in <paramref name="storage"/>.</summary>
    internal static async Task<string> RunSweepAsync(string sweepsRoot, string name, int jobs = Jobs, string? storage = null)
    {
        SweepDefinition definition = QuickSweep.Definition("spirals", jobs, 2, 42, Path.Combine(sweepsRoot, name), DateTimeOffset.Now)
            with { Execution = new SweepExecution { MaxParallel = 2, Heartbeat = TimeSpan.FromMilliseconds(200) } };
        using SweepWorkspace workspace = await SweepWorkspace.CreateAsync(definition, new SweepSource("(test)", [], new SweepReadOptions()), storage, CancellationToken.None);
        await new SweepController(workspace, Objective()).RunAsync(CancellationToken.None);
        return workspace.Directory;
    }

    private static Task<LoopbackServer> StartAsync(Func<ServerOptions, ServerOptions>? more = null) => LoopbackServer.StartAsync(
        o =>
        {
            string root = Path.Combine(Path.GetDirectoryName(o.Worker.CheckpointRoot)!, "sweeps");
            ServerOptions with = o with { SweepsRoot = root, StudyStorage = Path.Combine(Path.GetDirectoryName(o.Worker.CheckpointRoot)!, "studies.db"), StudyPollInterval = TimeSpan.FromMilliseconds(50) };
            return more?.Invoke(with) ?? with;
        },
        withExecutor: false);

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task A_finished_sweep_is_listed_with_its_trials_report_and_log_as_the_storage_holds_them()
    {
        await using LoopbackServer server = await StartAsync();
        string dir = await RunSweepAsync(server.Options.SweepsRoot, "exp_api");

        // The truth, read straight from the sweep's storage.
        using SqliteStudyStorage storage = await SqliteStudyStorage.OpenAsync(Path.Combine(dir, "sweep.db"), null, CancellationToken.None);
        IReadOnlyList<FrozenTrial> truth = storage.GetTrials(storage.FindStudy("exp_api")!.Value);
        FrozenTrial[] complete = [.. truth.Where(t => t.State == TrialState.Complete)];
        FrozenTrial best = complete.MaxBy(t => t.Value!.Value)!;
        Assert.Equal(Jobs, truth.Count);
        Assert.Equal(Jobs - 1, complete.Length);

        IReadOnlyList<StudyRecord> sweeps = await server.Client.ListSweepsAsync(CancellationToken.None);
        StudyRecord sweep = Assert.Single(sweeps);
        Assert.Equal(("sweep", "exp_api", "exp_api"), (sweep.Kind, sweep.Id, sweep.Name));
        Assert.Equal(["maximize"], sweep.Directions);
        Assert.Equal(["val_acc"], sweep.ObjectiveNames);
        Assert.Equal((Jobs, Jobs - 1, 1, 0, 0, 0), (sweep.TrialCount, sweep.StateCounts["complete"], sweep.StateCounts["failed"], sweep.StateCounts["pruned"], sweep.StateCounts["running"], sweep.StateCounts["waiting"]));
        Assert.Equal(Jobs, sweep.Jobs);
        Assert.Equal("study", sweep.SweepKind);
        Assert.Null(sweep.Sampler); // sweep.yaml records a sampler only when one was asked for (quick's TPE is built in)
        Assert.Equal(best.Value, sweep.BestValue);
        Assert.Equal(best.Number, sweep.BestTrial);
        Assert.Equal(dir, sweep.Directory);
        Assert.Null(sweep.Error);
        Assert.Equal(StoreJson.Serialize(sweep), StoreJson.Serialize(await server.Client.GetSweepAsync("exp_api", CancellationToken.None)));

        // Trials page by ?after= and the client follows the pages.
        using HttpResponseMessage first = await server.Http.GetAsync(new Uri("/api/sweeps/exp_api/trials?limit=3", UriKind.Relative));
        Assert.Equal("2", first.Headers.GetValues("X-Next-Cursor").Single());
        JsonElement second = await GetJsonAsync(server.Http, "/api/sweeps/exp_api/trials?limit=3&after=2");
        Assert.Equal([3, 4, 5], second.EnumerateArray().Select(t => t.GetProperty("number").GetInt32()));
        IReadOnlyList<TrialRecord> trials = await server.Client.ListSweepTrialsAsync("exp_api", CancellationToken.None);
        Assert.Equal(truth.Select(t => t.Number), trials.Select(t => t.Number));
        foreach ((TrialRecord wire, FrozenTrial stored) in trials.Zip(truth))
        {
            Assert.Equal(stored.State.ToString().ToLowerInvariant(), wire.State);
            Assert.Equal(["lr", "hidden_dim", "epochs"], wire.Params.Select(p => p.Name));
            Assert.Equal(Convert.ToDouble(stored.Params["lr"], CultureInfo.InvariantCulture), ((JsonElement)wire.Params[0].Value!).GetDouble());
            Assert.Equal(SweepWorkspace.JobOf(stored), wire.Job);
            Assert.Equal(Path.Combine(dir, wire.Job!.Value.ToString(CultureInfo.InvariantCulture)), wire.RunDir);
            Assert.Equal(stored.IntermediateValues.OrderBy(kv => kv.Key).Select(kv => new StepValue(kv.Key, kv.Value)), wire.Intermediate);
        }

        TrialRecord failed = Assert.Single(trials, t => t.State == "failed");
        Assert.Equal(3, failed.Job);
        Assert.Null(failed.Values);
        Assert.Contains("loss diverged at step 2", failed.Reason, StringComparison.Ordinal);
        TrialRecord top = trials.Single(t => t.Number == best.Number);
        Assert.Equal([best.Value!.Value], top.Values);
        Assert.Equal(["trial_seconds", "val_acc", "val_loss"], top.Metrics.Select(m => m.Name).Order());
        Assert.Equal(["failed"], (await GetJsonAsync(server.Http, "/api/sweeps/exp_api/trials?state=failed")).EnumerateArray().Select(t => t.GetProperty("state").GetString()));

        // The report: best, history with the best so far, importance, failures by reason.
        StudyReportRecord report = await server.Client.GetSweepReportAsync("exp_api", CancellationToken.None);
        Assert.Equal(best.Number, report.Best!.Number);
        Assert.Equal(["lr", "hidden_dim", "epochs"], report.Parameters.Select(p => p.Name));
        Assert.True(report.Parameters[0].Log);
        Assert.Equal(complete.Select(t => t.Number), report.History.Select(h => h.Number));
        double running = double.NegativeInfinity;
        foreach ((HistoryPoint h, FrozenTrial t) in report.History.Zip(complete))
        {
            running = Math.Max(running, t.Value!.Value);
            Assert.Equal((t.Value.Value, running), (h.Value, h.BestSoFar));
        }

        FailureGroup group = Assert.Single(report.Failures);
        Assert.Equal(("failed", 1), (group.State, group.Count));
        Assert.Equal([failed.Number], group.Trials);
        Assert.Equal(failed.Reason, group.Reason);
        Assert.Equal(3, report.Importance.Count);
        Assert.Equal(1.0, report.Importance.Sum(i => ((JsonElement)i.Value!).GetDouble()), 6);
        Assert.Equal(["trial_seconds", "val_loss"], report.MetricNames); // trial_seconds: the launcher's wall time of every trial

        // ETags: the same answer is a 304.
        using HttpResponseMessage tagged = await server.Http.GetAsync(new Uri("/api/sweeps/exp_api/report", UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps/exp_api/report");
        again.Headers.IfNoneMatch.Add(tagged.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await server.Http.SendAsync(again)).StatusCode);

        // The log tail of a trial, and errors.
        string log = await server.Client.GetSweepTrialLogAsync("exp_api", top.Number, CancellationToken.None);
        Assert.Contains($"step 3 val_acc {best.Value.Value:F4}", log, StringComparison.Ordinal);
        foreach (string missing in new[] { "/api/sweeps/nope", "/api/sweeps/..", "/api/sweeps/exp_api/trials/99/log", "/api/sweeps/nope/report" })
        {
            using HttpResponseMessage r = await server.Http.GetAsync(new Uri(missing, UriKind.Relative));
            Assert.True(r.StatusCode == HttpStatusCode.NotFound, $"{missing}: {(int)r.StatusCode}");
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        }

        foreach ((string bad, string field) in new[] { ("/api/sweeps/exp_api/trials?state=done", "state"), ("/api/sweeps/exp_api/trials?limit=501", "limit"), ("/api/sweeps?limit=0", "limit") })
        {
            using HttpResponseMessage r = await server.Http.GetAsync(new Uri(bad, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _), bad);
        }
    }

    [Fact]
    public async Task A_running_sweep_is_pushed_over_the_websocket_until_its_last_trial_finishes()
    {
        await using LoopbackServer server = await StartAsync();
        await using EventSocketClient socket = await EventSocketClient.ConnectAsync(server.Server.Url);
        Assert.Equal("Snapshot", (await socket.ReceiveAsync()).GetProperty("type").GetString());

        // The sweep runs with its own storage connection, as a `wnn sweep run` in another process would.
        string dir = await RunSweepAsync(server.Options.SweepsRoot, "exp_live", jobs: 4);
        JsonElement done = await socket.WaitForAsync("StudyUpdated", d => d.GetProperty("id").GetString() == "exp_live"
            && d.GetProperty("state_counts").GetProperty("complete").GetInt32() == 3 && d.GetProperty("state_counts").GetProperty("failed").GetInt32() == 1);
        Assert.Equal(0L, done.GetProperty("id").GetInt64());
        Assert.Equal("sweep", done.GetProperty("data").GetProperty("kind").GetString());
        Assert.Equal(4, done.GetProperty("data").GetProperty("trial_count").GetInt32());

        // A second sweep that appears later is pushed too, from its first trials to its end.
        await RunSweepAsync(server.Options.SweepsRoot, "exp_live2", jobs: 2);
        await socket.WaitForAsync("StudyUpdated", d => d.GetProperty("id").GetString() == "exp_live2" && d.GetProperty("state_counts").GetProperty("complete").GetInt32() == 2);
        Assert.True(Directory.Exists(dir));
    }

    [Fact]
    public async Task Studies_of_the_study_storage_are_served_and_reads_need_the_token_when_the_server_has_one()
    {
        await using LoopbackServer server = await StartAsync(o => o with { ApiToken = "s3cret" });
        using (SqliteStudyStorage storage = await SqliteStudyStorage.OpenAsync(server.Options.StudyStorage!, null, CancellationToken.None))
        {
            var study = Study.Create(new StudyOptions { Name = "quadratic", Storage = storage, Directions = [StudyDirection.Minimize], Sampler = new RandomSampler(3) });
            study.Optimize(t => Math.Pow(t.SuggestFloat("x", -4, 4) - 1, 2) + t.SuggestInt("k", 0, 3), nTrials: 12);
        }

        using (HttpResponseMessage anonymous = await server.Http.GetAsync(new Uri("/api/studies", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (HttpResponseMessage anonymousSweeps = await server.Http.GetAsync(new Uri("/api/sweeps", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousSweeps.StatusCode);
        }

        StudyRecord listed = Assert.Single(await server.Client.ListStudiesAsync(CancellationToken.None));
        Assert.Equal(("study", "quadratic", 12, 12), (listed.Kind, listed.Name, listed.TrialCount, listed.StateCounts["complete"]));
        long id = long.Parse(listed.Id, CultureInfo.InvariantCulture);
        IReadOnlyList<TrialRecord> trials = await server.Client.ListStudyTrialsAsync(id, CancellationToken.None);
        TrialRecord lowest = trials.MinBy(t => t.Values![0])!;
        Assert.Equal(lowest.Values![0], listed.BestValue);
        StudyReportRecord report = await server.Client.GetStudyReportAsync(id, CancellationToken.None);
        Assert.Equal(lowest.Number, report.Best!.Number);
        Assert.Equal(["value"], report.Study.ObjectiveNames);
        Assert.Equal(12, report.History.Count);
        Assert.Equal(lowest.Values[0], report.History[^1].BestSoFar);
        Assert.Empty(report.Failures);
        await Assert.ThrowsAsync<Wnn.Client.WnnApiException>(() => server.Client.GetStudyAsync(id + 1, CancellationToken.None));
    }
}
