using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

/// <summary>A SQLite file with a damaged checkpoints table: health, reads and writes say so instead of a bare 500.</summary>
public sealed class DamagedDatabaseTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wnn-damaged-" + Guid.NewGuid().ToString("N"));

    private string Db => Path.Combine(_root, "experiments.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "checkpoints"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Fills the checkpoints table over several pages, closes the file, then overwrites the table's root page.</summary>
    private async Task DamageCheckpointsTableAsync()
    {
        await using (SqliteExperimentStore store = await SqliteExperimentStore.OpenAsync(Db, CancellationToken.None))
        {
            for (int i = 0; i < 200; i++)
            {
                string path = Path.Combine(_root, "checkpoints", $"c{i:D4}-{new string('x', 100)}.json.gz");
                await File.WriteAllBytesAsync(path, [1]);
                await store.CreateCheckpointAsync(new NewCheckpoint($"c{i}", path, null, 1.0, 0.1, i, null, false), CancellationToken.None);
            }

            await store.CreateFlowAsync(new NewFlow("kept"), CancellationToken.None);
        }

        long rootPage, pageSize;
        await using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using SqliteCommand cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ";
            await cmd.ExecuteNonQueryAsync();
            cmd.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'checkpoints'";
            rootPage = (long)(await cmd.ExecuteScalarAsync())!;
            cmd.CommandText = "PRAGMA page_size";
            pageSize = (long)(await cmd.ExecuteScalarAsync())!;
        }

        SqliteConnection.ClearAllPools();
        await using FileStream file = File.Open(Db, FileMode.Open, FileAccess.ReadWrite);
        file.Position = (rootPage - 1) * pageSize;
        byte[] garbage = new byte[pageSize];
        new Random(5).NextBytes(garbage);
        await file.WriteAsync(garbage);
    }

    [Fact]
    public async Task Health_reads_and_writes_report_the_damaged_table_and_the_fix()
    {
        await DamageCheckpointsTableAsync();
        await using SqliteExperimentStore store = await SqliteExperimentStore.OpenAsync(Db, CancellationToken.None);
        StoreIntegrity integrity = await store.CheckIntegrityAsync(CancellationToken.None);
        Assert.True(integrity.DamagedTables.Contains("checkpoints"), string.Join(" / ", integrity.Messages) + " tables: " + string.Join(",", integrity.DamagedTables));
        Assert.DoesNotContain("flows", integrity.DamagedTables);

        var options = new ServerOptions { Port = 0, Workers = 0, Worker = LoopbackServer.FastWorker(Path.Combine(_root, "checkpoints")) };
        await using WnnServer server = await WnnServer.StartAsync(options, store, null, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Url };

        using HttpResponseMessage health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        await AssertDamagedAsync(health, "Database damaged");

        using HttpResponseMessage list = await http.GetAsync(new Uri("/api/checkpoints", UriKind.Relative));
        await AssertDamagedAsync(list, "Storage error");

        using HttpResponseMessage write = await http.PostAsync(new Uri("/api/flows", UriKind.Relative),
            new StringContent("""{"name":"new"}""", System.Text.Encoding.UTF8, "application/json"));
        await AssertDamagedAsync(write, "Database damaged");

        // Sound tables can still be read, for salvage.
        using HttpResponseMessage flows = await http.GetAsync(new Uri("/api/flows", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, flows.StatusCode);
    }

    [Fact]
    public async Task A_sound_database_is_healthy_and_the_check_runs_on_demand()
    {
        await using SqliteExperimentStore store = await SqliteExperimentStore.OpenAsync(Db, CancellationToken.None);
        Assert.True((await store.CheckIntegrityAsync(CancellationToken.None)).IsSound);
        var options = new ServerOptions { Port = 0, Workers = 0, Worker = LoopbackServer.FastWorker(Path.Combine(_root, "checkpoints")) };
        await using WnnServer server = await WnnServer.StartAsync(options, store, null, CancellationToken.None);
        using var client = new WnnClient(new HttpClient { BaseAddress = server.Url }, ownsHttp: true);
        Assert.Equal("ok", (await client.GetHealthAsync(CancellationToken.None)).Status);
        using var http = new HttpClient { BaseAddress = server.Url };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/health?check=true", UriKind.Relative))).StatusCode);
    }

    private static async Task AssertDamagedAsync(HttpResponseMessage response, string title)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        string detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("table(s) checkpoints", detail, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", detail, StringComparison.Ordinal);
        Assert.Contains("wnn checkpoint import DIR", detail, StringComparison.Ordinal);
    }
}
