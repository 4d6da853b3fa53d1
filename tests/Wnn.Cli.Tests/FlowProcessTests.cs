using System.Diagnostics;
using System.Text.Json;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli.Tests;

/// <summary>
/// Flows running the real phased search in real `wnn serve` / `wnn worker` processes on a small WikiText-2 setting:
/// six phases, a killed worker, a restarted server; the checkpoints equal `wnn search`'s byte for byte.
/// </summary>
public sealed class FlowProcessTests : IDisposable
{
    private static readonly string[] PhaseKeys = ["1a", "1b", "2a", "2b", "3a", "3b"];

    private static readonly string[] PhaseFiles =
    [
        "phase_1a_ga_neurons.json.gz", "phase_1b_ts_neurons.json.gz", "phase_2a_ga_bits.json.gz",
        "phase_2b_ts_bits.json.gz", "phase_3a_ga_connections.json.gz", "phase_3b_ts_connections.json.gz",
    ];

    /// <summary>Search options shared by `wnn flow create` and `wnn search` (same names in both).</summary>
    private static readonly string[] Search =
    [
        .. WnnProcess.WikiText(3_000, 800), "--tier-config", "50,6,10;rest,2,6", "--ga-gens", "4", "--ts-iters", "4", "--population", "4",
        "--neighbors", "3", "--seed", "3",
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wnn-flowproc-" + Guid.NewGuid().ToString("N"));

    private string? _schema;

    public FlowProcessTests()
    {
        Directory.CreateDirectory(_dir);
        _db = Path.Combine(_dir, "experiments.db");
    }

    private string Db => _db;

    /// <summary>Switches the test to a fresh schema in the test PostgreSQL database (dropped on dispose).</summary>
    private void UsePostgres()
    {
        string baseConnection = Environment.GetEnvironmentVariable("WNN_TEST_PG") is { Length: > 0 } v
            ? v : "Host=127.0.0.1;Port=55432;Username=postgres;Database=wnn_test";
        _schema = "p_" + Guid.NewGuid().ToString("N");
        Postgres(baseConnection, $"CREATE SCHEMA {_schema}");
        _db = new Npgsql.NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = _schema }.ToString();
    }

    private static void Postgres(string connectionString, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private string _db;

    private string CheckpointRoot => Path.Combine(_dir, "checkpoints");

    public void Dispose()
    {
        if (_schema is not null)
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(_db) { SearchPath = null };
            Postgres(builder.ToString(), $"DROP SCHEMA {_schema} CASCADE");
        }

        Directory.Delete(_dir, recursive: true);
    }

    private WnnDaemon Serve(params string[] extra) =>
        new(_dir, ["serve", "--port", "0", "--db", Db, "--checkpoint-root", CheckpointRoot, "--heartbeat-interval", "0.5", "--stale-after", "3", .. extra]);

    private WnnDaemon Worker() => new(_dir, "worker", "--db", Db, "--checkpoint-root", CheckpointRoot, "--heartbeat-interval", "0.5", "--stale-after", "3");

    private long CreateFlow(string url, string name)
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, ["flow", "create", "--url", url, "--name", name, "--queue", "--json", .. Search,
            "--set", "checkpoint_interval=1", "--set", "threads=1"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>What `wnn search --checkpoint-dir` writes for the same options.</summary>
    private string SearchDirectly()
    {
        string ck = Path.Combine(_dir, "search-ck");
        WnnProcess.Result r = WnnProcess.Run(_dir, ["search", .. Search, "--set", "checkpoint_interval=1", "--threads", "2", "--checkpoint-dir", ck, "--plain"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return ck;
    }

    private static async Task<FlowRecord> WaitAsync(WnnClient client, long id, Func<FlowRecord, IReadOnlyList<ExperimentRecord>, bool> done, string what)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(4); await Task.Delay(200))
        {
            FlowRecord flow = await client.GetFlowAsync(id, CancellationToken.None);
            if (done(flow, await client.ListFlowExperimentsAsync(id, CancellationToken.None)))
            {
                return flow;
            }

            Assert.True(flow.Status is not (FlowStatus.Failed or FlowStatus.Cancelled), $"flow {flow.Status}: {flow.Error}");
        }

        throw new TimeoutException($"flow {id}: {what} did not happen within 4 minutes");
    }

    private static bool Completed(FlowRecord flow, IReadOnlyList<ExperimentRecord> _) => flow.Status == FlowStatus.Completed;

    private static bool InPhase2(FlowRecord flow, IReadOnlyList<ExperimentRecord> experiments) =>
        experiments.Count(e => e.Status == ExperimentStatus.Completed) >= 2 && experiments.Any(e => e.Status == ExperimentStatus.Running && e.IterationsRun >= 1);

    /// <summary>Every phase completed exactly once, its checkpoint registered, and the files equal `wnn search`'s.</summary>
    private async Task AssertCompleteAsync(WnnClient client, long flowId, IReadOnlyList<ExperimentRecord>? before = null)
    {
        IReadOnlyList<ExperimentRecord> experiments = await client.ListFlowExperimentsAsync(flowId, CancellationToken.None);
        List<ExperimentRecord> completed = experiments.Where(e => e.Status == ExperimentStatus.Completed).ToList();
        Assert.Equal(PhaseKeys, completed.Select(e => e.PhaseKey));
        foreach (ExperimentRecord done in before?.Where(e => e.Status == ExperimentStatus.Completed) ?? [])
        {
            Assert.Contains(completed, e => e.Id == done.Id);
        }

        foreach (ExperimentRecord e in completed)
        {
            IReadOnlyList<IterationRecord> iterations = await client.ListIterationsAsync(e.Id, CancellationToken.None);
            Assert.NotEmpty(iterations);
            Assert.Equal(e.IterationsRun, iterations[^1].Iteration);
        }

        IReadOnlyList<CheckpointRecord> checkpoints = await client.ListCheckpointsAsync(false, CancellationToken.None);
        List<CheckpointRecord> ours = checkpoints.Where(c => completed.Any(e => e.Id == c.ExperimentId)).OrderBy(c => c.Id).ToList();
        Assert.Equal(PhaseFiles, ours.Select(c => Path.GetFileName(c.FilePath)));
        Assert.All(ours, c => Assert.True(File.Exists(c.FilePath), c.FilePath));
        Assert.True(ours[^1].IsFinal);

        string reference = SearchDirectly();
        string flowDir = Path.Combine(CheckpointRoot, $"flow-{flowId}");
        foreach (string file in PhaseFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(reference, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(flowDir, file))), file);
        }

        Assert.Empty(Directory.GetFiles(flowDir, "*.mid.json.gz"));
    }

    [Fact]
    public async Task A_flow_created_with_the_cli_runs_six_phases_in_wnn_serve_with_the_files_wnn_search_writes()
    {
        using WnnDaemon server = Serve();
        string url = await server.WaitForUrlAsync();
        using WnnClient client = WnnClient.Create(new Uri(url));

        WnnProcess.Result bad = WnnProcess.Run(_dir, "flow", "create", "--url", url, "--name", "bad", "--tier-config", "100,15");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("tier_config", bad.Stderr, StringComparison.Ordinal);

        long id = CreateFlow(url, "pass 1");
        Assert.Contains("\"search.population\":4", (await client.GetFlowAsync(id, CancellationToken.None)).ConfigJson, StringComparison.Ordinal);

        await WaitAsync(client, id, Completed, "completion");
        await AssertCompleteAsync(client, id);
        Assert.Equal(6, (await client.ListFlowExperimentsAsync(id, CancellationToken.None)).Count);

        // The flow's final checkpoint seeds the next pass of `wnn search`.
        CheckpointRecord final = (await client.ListCheckpointsAsync(true, CancellationToken.None)).Single();
        string[] shorter = [.. Search.Select((a, i) => i > 0 && Search[i - 1] is "--ga-gens" or "--ts-iters" ? "1" : a)];
        WnnProcess.Result pass2 = WnnProcess.Run(_dir, ["search", .. shorter, "--pass", "2", "--seed-from", final.FilePath, "--threads", "2", "--plain"]);
        Assert.True(pass2.ExitCode == 0, pass2.Stderr);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Killing_a_worker_mid_flow_requeues_the_flow_and_another_worker_completes_it_with_no_phase_lost(string provider)
    {
        if (provider == "postgresql")
        {
            UsePostgres();
        }

        using WnnDaemon server = Serve("--workers", "0");
        string url = await server.WaitForUrlAsync();
        using WnnClient client = WnnClient.Create(new Uri(url));
        long id;
        IReadOnlyList<ExperimentRecord> before;
        using (WnnDaemon first = Worker())
        {
            id = CreateFlow(url, "killed");
            await WaitAsync(client, id, InPhase2, "phase 2a");
            first.Kill();
            before = await client.ListFlowExperimentsAsync(id, CancellationToken.None);
        }

        Assert.Equal(FlowStatus.Running, (await client.GetFlowAsync(id, CancellationToken.None)).Status);
        using WnnDaemon second = Worker();
        await WaitAsync(client, id, Completed, "completion after the kill");
        await AssertCompleteAsync(client, id, before);
        IReadOnlyList<ExperimentRecord> all = await client.ListFlowExperimentsAsync(id, CancellationToken.None);
        Assert.Contains(all, e => e.Status == ExperimentStatus.Cancelled);
    }

    [Fact]
    public async Task Restarting_the_server_mid_flow_loses_nothing()
    {
        long id;
        IReadOnlyList<ExperimentRecord> before;
        using (WnnDaemon server = Serve())
        {
            string url = await server.WaitForUrlAsync();
            using WnnClient client = WnnClient.Create(new Uri(url));
            id = CreateFlow(url, "restarted");
            await WaitAsync(client, id, InPhase2, "phase 2a");
            Assert.Equal(0, server.Terminate());
            Assert.Contains("running flows go back to the queue", server.Output, StringComparison.Ordinal);
        }

        using WnnDaemon again = Serve();
        string url2 = await again.WaitForUrlAsync();
        using WnnClient client2 = WnnClient.Create(new Uri(url2));
        before = await client2.ListFlowExperimentsAsync(id, CancellationToken.None);
        Assert.Contains(before, e => e.Status == ExperimentStatus.Cancelled && e.PhaseKey != "1a");
        await WaitAsync(client2, id, Completed, "completion after the restart");
        await AssertCompleteAsync(client2, id, before);
    }
}
