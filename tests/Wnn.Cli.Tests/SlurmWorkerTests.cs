using System.Diagnostics;
using System.Text.Json;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli.Tests;

/// <summary>`wnn slurm workers`: wnn worker processes as real Slurm jobs run a queued flow of the test PostgreSQL database to completion.</summary>
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
    public async Task Workers_submitted_to_slurm_run_a_queued_flow_to_completion()
    {
        using var server = new WnnDaemon(_f.Dir, "serve", "--port", "0", "--workers", "0", "--db", _pg.ConnectionString, "--checkpoint-root", Path.Combine(_f.Dir, "ck"));
        string url = await server.WaitForUrlAsync();
        using WnnClient client = WnnClient.Create(new Uri(url));
        WnnProcess.Result created = _f.Run(["flow", "create", "--url", url, "--name", "slurm", "--queue", "--json", .. WnnProcess.WikiText(3_000, 800),
            "--tier-config", "50,6,10;rest,2,6", "--ga-gens", "2", "--ts-iters", "2", "--population", "4", "--neighbors", "3", "--seed", "3", "--set", "threads=1"]);
        Assert.True(created.ExitCode == 0, created.Stderr);
        long id = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("id").GetInt64();

        WnnProcess.Result bad = _f.Run("slurm", "workers", "--count", "1", "--db", Path.Combine(_f.Dir, "x.db"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("PostgreSQL", bad.Stderr, StringComparison.Ordinal);

        WnnProcess.Result submitted = _f.Run("slurm", "workers", "--count", "2", "--db", _pg.ConnectionString, "--checkpoint-root", Path.Combine(_f.Dir, "ck"),
            "--dir", Path.Combine(_f.Dir, "workers"), "--slurm", "job_name=wnn-test-workers", "--slurm", "cpus_per_task=1");
        Assert.True(submitted.ExitCode == 0, submitted.Stderr);
        string job = submitted.Stdout.Trim();
        try
        {
            FlowRecord flow = await client.GetFlowAsync(id, CancellationToken.None);
            for (var clock = Stopwatch.StartNew(); flow.Status != FlowStatus.Completed && clock.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(300))
            {
                flow = await client.GetFlowAsync(id, CancellationToken.None);
                Assert.True(flow.Status is not (FlowStatus.Failed or FlowStatus.Cancelled), $"flow {flow.Status}: {flow.Error}");
            }

            Assert.Equal(FlowStatus.Completed, flow.Status);
            Assert.Equal(2, SlurmNode.Queue("wnn-test-workers").Length);
        }
        finally
        {
            SlurmNode.Run("scancel", job);
        }
    }
}
