using System.Diagnostics;
using System.Text.Json;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli.Tests;

/// <summary>`wnn slurm workers`: wnn worker processes as real Slurm jobs run a queued flow of the test PostgreSQL database to completion, also when a worker job ends mid-phase.</summary>
[Collection(SlurmNode.Collection)]
public sealed class SlurmWorkerTests : IDisposable
{
    private readonly SweepFixture _f = new();
    private readonly PostgresSchema _pg = new();

    public SlurmWorkerTests() => SlurmNode.Ensure();

    public void Dispose()
    {
        _pg.Dispose();
        _f.Dispose();
    }

    [Fact]
    public async Task A_worker_job_cancelled_mid_phase_leaves_its_flow_to_the_next_worker_jobs_which_complete_it()
    {
        using var server = new WnnDaemon(_f.Dir, "serve", "--port", "0", "--workers", "0", "--db", _pg.ConnectionString, "--checkpoint-root", Path.Combine(_f.Dir, "ck"));
        string url = await server.WaitForUrlAsync();
        using WnnClient client = WnnClient.Create(new Uri(url));
        WnnProcess.Result created = _f.Run(["flow", "create", "--url", url, "--name", "slurm", "--queue", "--json", .. WnnProcess.WikiText(3_000, 800),
            "--tier-config", "50,6,10;rest,2,6", "--ga-gens", "2", "--ts-iters", "2", "--population", "4", "--neighbors", "3", "--seed", "3",
            "--set", "threads=1", "--set", "checkpoint_interval=1"]);
        Assert.True(created.ExitCode == 0, created.Stderr);
        long id = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("id").GetInt64();

        WnnProcess.Result bad = _f.Run("slurm", "workers", "--count", "1", "--db", Path.Combine(_f.Dir, "x.db"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("PostgreSQL", bad.Stderr, StringComparison.Ordinal);

        var jobs = new List<string>();
        try
        {
            // One worker job, cancelled (as a time limit or preemption would end it) while a phase after the first is running.
            jobs.Add(Submit(1, "wnn-test-workers-a"));
            IReadOnlyList<ExperimentRecord> before = await WaitAsync(client, id, (_, e) =>
                e.Any(x => x.Status == ExperimentStatus.Completed) && e.Any(x => x.Status == ExperimentStatus.Running), "a phase under way");
            ExperimentRecord interrupted = before.Single(e => e.Status == ExperimentStatus.Running);
            SlurmNode.Run("scancel", jobs[0]);
            // Slurm's SIGTERM lets the worker hand the flow back before the job leaves the queue.
            SweepFixture.WaitFor(() => SlurmNode.Queue("wnn-test-workers-a").Length == 0 ? "" : null, TimeSpan.FromSeconds(60));
            Assert.Equal(FlowStatus.Queued, (await client.GetFlowAsync(id, CancellationToken.None)).Status);
            Assert.Equal(ExperimentStatus.Cancelled, (await client.ListFlowExperimentsAsync(id, CancellationToken.None)).Single(e => e.Id == interrupted.Id).Status);

            // Two fresh worker jobs: one resumes the flow from its last checkpoint, no completed phase runs again.
            jobs.Add(Submit(2, "wnn-test-workers-b"));
            await WaitAsync(client, id, (f, _) => f.Status == FlowStatus.Completed, "completion");
            IReadOnlyList<ExperimentRecord> after = await client.ListFlowExperimentsAsync(id, CancellationToken.None);
            List<ExperimentRecord> completed = [.. after.Where(e => e.Status == ExperimentStatus.Completed)];
            Assert.Equal(["1a", "1b", "2a", "2b", "3a", "3b"], completed.Select(e => e.PhaseKey));
            Assert.All(before.Where(e => e.Status == ExperimentStatus.Completed), done => Assert.Contains(completed, e => e.Id == done.Id));
            Assert.Contains(completed, e => e.PhaseKey == interrupted.PhaseKey && e.Id != interrupted.Id);
            Assert.Equal(2, SlurmNode.Queue("wnn-test-workers-b").Length);
        }
        finally
        {
            if (jobs.Count > 0)
            {
                SlurmNode.Run("scancel", [.. jobs]);
            }
        }
    }

    private string Submit(int count, string name)
    {
        WnnProcess.Result submitted = _f.Run("slurm", "workers", "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", _pg.ConnectionString,
            "--checkpoint-root", Path.Combine(_f.Dir, "ck"), "--heartbeat-interval", "0.5", "--stale-after", "3", "--dir", Path.Combine(_f.Dir, "workers"),
            "--slurm", "job_name=" + name, "--slurm", "cpus_per_task=1");
        Assert.True(submitted.ExitCode == 0, submitted.Stderr);
        return submitted.Stdout.Trim();
    }

    private static async Task<IReadOnlyList<ExperimentRecord>> WaitAsync(WnnClient client, long id, Func<FlowRecord, IReadOnlyList<ExperimentRecord>, bool> done, string what)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(200))
        {
            FlowRecord flow = await client.GetFlowAsync(id, CancellationToken.None);
            IReadOnlyList<ExperimentRecord> experiments = await client.ListFlowExperimentsAsync(id, CancellationToken.None);
            if (done(flow, experiments))
            {
                return experiments;
            }

            Assert.True(flow.Status is not (FlowStatus.Failed or FlowStatus.Cancelled), $"flow {flow.Status}: {flow.Error}");
        }

        throw new TimeoutException($"flow {id}: {what} did not happen within 2 minutes");
    }
}
