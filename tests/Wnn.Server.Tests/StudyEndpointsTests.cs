using System.Globalization;
using System.Net;
using System.Text.Json;
using Wnn.Search;
using Wnn.Search.Samplers;
using Wnn.Storage;

namespace Wnn.Server.Tests;

/// <summary>
/// The study and sweep endpoints written once and run on each study storage (SQLite file, real PostgreSQL): counts and
/// best from SQL aggregation, trials pages from LIMITed queries, and a report that follows a change made by another
/// connection, all checked against the trials read straight from the storage.
/// </summary>
public abstract class StudyEndpointsTests
{
    /// <summary>A storage connection string or file for the server's study storage, and what to clean up.</summary>
    private protected abstract Task<(string Storage, IAsyncDisposable? Cleanup)> CreateStorageAsync(string root);

    private async Task<(LoopbackServer Server, string Storage, IAsyncDisposable? Cleanup)> StartAsync()
    {
        string root = Path.Combine(Path.GetTempPath(), "wnn-study-endpoints-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        (string storage, IAsyncDisposable? cleanup) = await CreateStorageAsync(root);
        LoopbackServer server = await LoopbackServer.StartAsync(
            o => o with { SweepsRoot = Path.Combine(root, "sweeps"), StudyStorage = storage, StudyPollInterval = TimeSpan.FromMilliseconds(50) },
            withExecutor: false);
        return (server, storage, new Cleanup(root, cleanup));
    }

    /// <summary>30 asked trials: values (i % 7) + 0.5 with a tie for the best (0.25 at 4 and 11), some failed and pruned; then 2 waiting and 1 running.</summary>
    private static void Seed(SqlStudyStorage storage)
    {
        var study = Study.Create(new StudyOptions { Name = "ties", Storage = storage, Directions = [StudyDirection.Minimize], Sampler = new RandomSampler(5) });
        for (int i = 0; i < 30; i++)
        {
            Trial t = study.Ask();
            t.SuggestFloat("x", 0, 10);
            t.SuggestInt("k", 1, 64, log: true);
            t.Report(i, 0);
            if (i % 9 == 5)
            {
                study.Tell(t, TrialState.Failed);
            }
            else if (i % 10 == 8)
            {
                study.Tell(t, TrialState.Pruned);
            }
            else
            {
                study.Tell(t, i is 4 or 11 ? 0.25 : (i % 7) + 0.5);
            }
        }

        for (int i = 0; i < 3; i++)
        {
            study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1.0 * i, ["k"] = 2 });
        }

        _ = study.Ask(); // claims the first waiting trial: running
        var other = Study.Create(new StudyOptions { Name = "other", Storage = storage, Directions = [StudyDirection.Maximize], Sampler = new RandomSampler(6) });
        other.Optimize(t => t.SuggestFloat("y", -1, 1), nTrials: 5);
    }

    private static async Task<(List<JsonElement> Rows, int Pages)> AllPagesAsync(HttpClient http, string path, int limit)
    {
        var rows = new List<JsonElement>();
        string? after = null;
        int pages = 0;
        while (true)
        {
            string sep = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            using HttpResponseMessage response = await http.GetAsync(new Uri($"{path}{sep}limit={limit}" + (after is null ? "" : $"&after={after}"), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            rows.AddRange(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone().EnumerateArray());
            pages++;
            if (!response.Headers.TryGetValues("X-Next-Cursor", out IEnumerable<string>? next))
            {
                return (rows, pages);
            }

            after = next.Single();
        }
    }

    [Fact]
    public async Task Study_list_trial_pages_and_report_match_the_storage_and_follow_a_change_from_another_connection()
    {
        (LoopbackServer server, string storagePath, IAsyncDisposable? cleanup) = await StartAsync();
        await using IAsyncDisposable cleanupScope = cleanup!;
        await using LoopbackServer serverScope = server;
        using SqlStudyStorage storage = await StudyStorages.OpenAsync(storagePath, null, CancellationToken.None);
        Seed(storage);
        long id = storage.FindStudy("ties")!.Value;
        IReadOnlyList<FrozenTrial> truth = storage.GetTrials(id);
        Assert.Equal(33, truth.Count);

        // The list: counts by state and the best (the lower-numbered of the tie) from aggregation.
        IReadOnlyList<StudyRecord> listed = await server.Client.ListStudiesAsync(CancellationToken.None);
        Assert.Equal(["other", "ties"], listed.Select(s => s.Name).Order());
        StudyRecord ties = listed.Single(s => s.Name == "ties");
        foreach (TrialState state in Enum.GetValues<TrialState>())
        {
            Assert.Equal(truth.Count(t => t.State == state), ties.StateCounts[state.ToString().ToLowerInvariant()]);
        }

        Assert.Equal((33, 4, 0.25), (ties.TrialCount, ties.BestTrial, ties.BestValue));
        Assert.Equal((1, 2), (ties.StateCounts["running"], ties.StateCounts["waiting"]));
        Assert.Equal(truth.Where(t => t.Started is not null).Min(t => t.Started)!.Value.ToUnixTimeMilliseconds(), ties.Created!.Value.ToUnixTimeMilliseconds());
        StudyRecord other = listed.Single(s => s.Name == "other");
        FrozenTrial otherBest = storage.GetTrials(storage.FindStudy("other")!.Value).MaxBy(t => t.Value!.Value)!;
        Assert.Equal((otherBest.Number, otherBest.Value), (other.BestTrial, other.BestValue));

        // Pages: every page size and state filter gives exactly the storage's trials in number order.
        foreach (int limit in new[] { 1, 4, 7, 500 })
        {
            (List<JsonElement> all, int pages) = await AllPagesAsync(server.Http, $"/api/studies/{id}/trials", limit);
            Assert.Equal(truth.Select(t => t.Number), all.Select(t => t.GetProperty("number").GetInt32()));
            Assert.Equal((int)Math.Ceiling(33.0 / limit), pages);
            (List<JsonElement> complete, _) = await AllPagesAsync(server.Http, $"/api/studies/{id}/trials?state=complete", limit);
            Assert.Equal(truth.Where(t => t.State == TrialState.Complete).Select(t => t.Number), complete.Select(t => t.GetProperty("number").GetInt32()));
        }

        (List<JsonElement> rows, _) = await AllPagesAsync(server.Http, $"/api/studies/{id}/trials", 10);
        foreach ((JsonElement wire, FrozenTrial stored) in rows.Zip(truth))
        {
            Assert.Equal(stored.State.ToString().ToLowerInvariant(), wire.GetProperty("state").GetString());
            Assert.Equal(stored.Params.Count, wire.GetProperty("params").GetArrayLength());
            if (stored.Params.TryGetValue("x", out object? x))
            {
                Assert.Equal(Convert.ToDouble(x, CultureInfo.InvariantCulture), wire.GetProperty("params")[0].GetProperty("value").GetDouble());
            }

            Assert.Equal(stored.IntermediateValues.Count, wire.GetProperty("intermediate").GetArrayLength());
        }

        StudyReportRecord report = await server.Client.GetStudyReportAsync(id, CancellationToken.None);
        Assert.Equal(4, report.Best!.Number);
        Assert.Equal(truth.Count(t => t.State == TrialState.Complete), report.History.Count);
        Assert.Equal((33, 4), (report.Study.TrialCount, report.Study.BestTrial));

        // Another connection (another process) finishes a better trial: list and report follow.
        using (SqlStudyStorage writer = await StudyStorages.OpenAsync(storagePath, null, CancellationToken.None))
        {
            var study = Study.Create(new StudyOptions { Name = "ties", Storage = writer, LoadIfExists = true, Directions = [StudyDirection.Minimize], Sampler = new RandomSampler(9) });
            Trial t = study.Ask();
            t.SuggestFloat("x", 0, 10);
            t.SuggestInt("k", 1, 64, log: true);
            study.Tell(t, 0.125);
        }

        StudyReportRecord after = await server.Client.GetStudyReportAsync(id, CancellationToken.None);
        Assert.Equal(0.125, after.Best!.Values![0]);
        Assert.Equal(report.History.Count + 1, after.History.Count);
        StudyRecord again = (await server.Client.ListStudiesAsync(CancellationToken.None)).Single(s => s.Name == "ties");
        Assert.Equal((0.125, 1, 1), (again.BestValue, again.StateCounts["running"], again.StateCounts["waiting"])); // the writer's ask took an enqueued trial
    }

    [Fact]
    public async Task A_sweep_on_this_storage_is_listed_with_its_trials_report_and_log()
    {
        (LoopbackServer server, string storage, IAsyncDisposable? cleanup) = await StartAsync();
        await using IAsyncDisposable cleanupScope = cleanup!;
        await using LoopbackServer serverScope = server;
        bool postgres = ExperimentStores.IsPostgres(storage);
        string dir = await SweepsApiTests.RunSweepAsync(server.Options.SweepsRoot, "exp_pg", jobs: 5, storage: postgres ? storage : null);
        using SqlStudyStorage reader = await StudyStorages.OpenAsync(postgres ? storage : Path.Combine(dir, "sweep.db"), null, CancellationToken.None);
        IReadOnlyList<FrozenTrial> truth = reader.GetTrials(reader.FindStudy("exp_pg")!.Value);
        FrozenTrial best = truth.Where(t => t.State == TrialState.Complete).MaxBy(t => t.Value!.Value)!;

        StudyRecord sweep = Assert.Single(await server.Client.ListSweepsAsync(CancellationToken.None));
        Assert.Null(sweep.Error);
        int complete = truth.Count(t => t.State == TrialState.Complete), failed = truth.Count(t => t.State == TrialState.Failed);
        Assert.True(complete >= 4 && failed >= 1, $"{complete} complete, {failed} failed");
        Assert.Equal((truth.Count, complete, failed, best.Number, best.Value), (sweep.TrialCount, sweep.StateCounts["complete"], sweep.StateCounts["failed"], sweep.BestTrial, sweep.BestValue));
        (List<JsonElement> rows, int pages) = await AllPagesAsync(server.Http, "/api/sweeps/exp_pg/trials", 2);
        Assert.Equal(truth.Select(t => t.Number), rows.Select(t => t.GetProperty("number").GetInt32()));
        Assert.Equal((truth.Count + 1) / 2, pages);
        StudyReportRecord report = await server.Client.GetSweepReportAsync("exp_pg", CancellationToken.None);
        Assert.Equal((best.Number, complete), (report.Best!.Number, report.History.Count));
        Assert.Equal(failed, report.Failures.Sum(f => f.Count)); // the diverged job, and on a loaded machine perhaps a missed heartbeat
        string log = await server.Client.GetSweepTrialLogAsync("exp_pg", best.Number, CancellationToken.None);
        Assert.Contains($"step 3 val_acc {best.Value!.Value:F4}", log, StringComparison.Ordinal);
        using HttpResponseMessage missing = await server.Http.GetAsync(new Uri("/api/sweeps/exp_pg/trials/77/log", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private sealed class Cleanup(string root, IAsyncDisposable? inner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (inner is not null)
            {
                await inner.DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
        }
    }
}
