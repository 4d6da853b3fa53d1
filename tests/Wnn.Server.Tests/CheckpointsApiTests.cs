using System.Net;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

public sealed class CheckpointsApiTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(withExecutor: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Registers_a_file_inside_the_root_and_downloads_exactly_its_bytes()
    {
        byte[] content = [0x1f, 0x8b, 1, 2, 3, 4, 5];
        string path = Path.Combine(_server.CheckpointRoot, "pass1", "final.json.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);

        CheckpointRecord created = await _server.Client.RegisterCheckpointAsync(new CreateCheckpointRequest
        {
            FilePath = path,
            FinalFitness = 10.25,
            FinalAccuracy = 0.2,
            IterationsRun = 250,
            IsFinal = true,
            GenomeStats = System.Text.Json.JsonDocument.Parse("""{"clusters":50257}""").RootElement,
        }, CancellationToken.None);

        Assert.Equal(("final.json.gz", 7L, 10.25, true), (created.Name, created.FileSizeBytes, created.FinalFitness, created.IsFinal));
        Assert.Equal("""{"clusters":50257}""", created.GenomeStatsJson);
        using var downloaded = new MemoryStream();
        await _server.Client.DownloadCheckpointAsync(created.Id, downloaded, CancellationToken.None);
        Assert.Equal(content, downloaded.ToArray());
        Assert.Equal([created.Id], (await _server.Client.ListCheckpointsAsync(true, CancellationToken.None)).Select(c => c.Id));

        WnnApiException dup = await Assert.ThrowsAsync<WnnApiException>(() =>
            _server.Client.RegisterCheckpointAsync(new CreateCheckpointRequest { FilePath = path }, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Conflict, dup.Status);
    }

    [Fact]
    public async Task Files_outside_the_checkpoint_root_or_missing_cannot_be_registered()
    {
        string outside = Path.Combine(_server.Root, "secret.json.gz");
        await File.WriteAllTextAsync(outside, "secret");
        string traversal = Path.Combine(_server.CheckpointRoot, "..", "secret.json.gz");

        foreach (string path in new[] { outside, traversal, "/etc/passwd", Path.Combine(_server.CheckpointRoot, "absent.json.gz") })
        {
            WnnApiException ex = await Assert.ThrowsAsync<WnnApiException>(() =>
                _server.Client.RegisterCheckpointAsync(new CreateCheckpointRequest { FilePath = path }, CancellationToken.None));
            Assert.Equal(HttpStatusCode.BadRequest, ex.Status);
            Assert.StartsWith("file_path:", ex.Detail, StringComparison.Ordinal);
        }

        Assert.Empty(await _server.Store.ListCheckpointsAsync(false, null, CancellationToken.None));
        using HttpResponseMessage download = await _server.Http.GetAsync(new Uri("/api/checkpoints/12345/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        using HttpResponseMessage encoded = await _server.Http.GetAsync(new Uri("/api/checkpoints/..%2F..%2Fetc%2Fpasswd/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, encoded.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_referenced_checkpoint_is_refused_unless_forced_and_removes_the_file()
    {
        string path = Path.Combine(_server.CheckpointRoot, "seed.json.gz");
        await File.WriteAllBytesAsync(path, [1, 2, 3]);
        CheckpointRecord seed = await _server.Client.RegisterCheckpointAsync(new CreateCheckpointRequest { FilePath = path }, CancellationToken.None);
        FlowRecord flow = await _server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "seeded", SeedCheckpointId = seed.Id }, CancellationToken.None);
        Assert.Equal(1, (await _server.Client.GetCheckpointAsync(seed.Id, CancellationToken.None)).ReferenceCount);

        WnnApiException refused = await Assert.ThrowsAsync<WnnApiException>(() =>
            _server.Client.DeleteCheckpointAsync(seed.Id, force: false, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal($"checkpoint {seed.Id} is referenced by 1 flow(s); pass force=true to delete it anyway", refused.Detail);
        Assert.True(File.Exists(path));

        await _server.Client.DeleteCheckpointAsync(seed.Id, force: true, CancellationToken.None);

        Assert.False(File.Exists(path));
        Assert.Null((await _server.Client.GetFlowAsync(flow.Id, CancellationToken.None)).SeedCheckpointId);
        WnnApiException gone = await Assert.ThrowsAsync<WnnApiException>(() => _server.Client.GetCheckpointAsync(seed.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }
}
