using System.Net;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

/// <summary>Symbolic links inside the checkpoint root never lead the server to a file outside it.</summary>
public sealed class CheckpointLinkTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(withExecutor: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_link_to_a_file_outside_the_root_is_refused_on_register()
    {
        string outside = Path.Combine(_server.Root, "secret.json.gz");
        await File.WriteAllTextAsync(outside, "secret");
        string fileLink = Path.Combine(_server.CheckpointRoot, "passwd.json.gz");
        File.CreateSymbolicLink(fileLink, "/etc/passwd");
        string toSecret = Path.Combine(_server.CheckpointRoot, "secret.json.gz");
        File.CreateSymbolicLink(toSecret, outside);
        Directory.CreateSymbolicLink(Path.Combine(_server.CheckpointRoot, "linked"), _server.Root);
        string viaDirectory = Path.Combine(_server.CheckpointRoot, "linked", "secret.json.gz");

        foreach (string path in new[] { fileLink, toSecret, viaDirectory })
        {
            WnnApiException ex = await Assert.ThrowsAsync<WnnApiException>(() =>
                _server.Client.RegisterCheckpointAsync(new CreateCheckpointRequest { FilePath = path }, CancellationToken.None));
            Assert.Equal(HttpStatusCode.BadRequest, ex.Status);
            Assert.Contains("symbolic links are followed", ex.Detail, StringComparison.Ordinal);
        }

        Assert.Empty(await _server.Store.ListCheckpointsAsync(false, null, CancellationToken.None));

        // A link that stays inside the root is fine.
        string real = Path.Combine(_server.CheckpointRoot, "real.json.gz");
        await File.WriteAllBytesAsync(real, [1, 2, 3]);
        string inside = Path.Combine(_server.CheckpointRoot, "alias.json.gz");
        File.CreateSymbolicLink(inside, "real.json.gz");
        CheckpointRecord ok = await _server.Client.RegisterCheckpointAsync(new CreateCheckpointRequest { FilePath = inside }, CancellationToken.None);
        Assert.Equal(inside, ok.FilePath);
    }

    [Fact]
    public async Task A_file_swapped_for_a_link_after_registering_is_neither_served_nor_deleted_through_it()
    {
        string victim = Path.Combine(_server.Root, "victim.json.gz");
        await File.WriteAllTextAsync(victim, "keep me");
        string dir = Path.Combine(_server.CheckpointRoot, "run");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "victim.json.gz");
        await File.WriteAllBytesAsync(path, [1, 2, 3]);
        CheckpointRecord row = await _server.Client.RegisterCheckpointAsync(new CreateCheckpointRequest { FilePath = path }, CancellationToken.None);

        // The directory is replaced by a link to the parent of the root: the registered path now names the victim.
        Directory.Delete(dir, recursive: true);
        Directory.CreateSymbolicLink(dir, _server.Root);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));

        using HttpResponseMessage download = await _server.Http.GetAsync(new Uri($"/api/checkpoints/{row.Id}/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.DoesNotContain("keep me", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        WnnApiException delete = await Assert.ThrowsAsync<WnnApiException>(() => _server.Client.DeleteCheckpointAsync(row.Id, true, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, delete.Status);
        Assert.Contains("outside the checkpoint root", delete.Detail, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(victim));
        Assert.NotNull(await _server.Store.GetCheckpointAsync(row.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Import_plan_shows_what_the_server_refuses_and_import_registers_only_the_rest()
    {
        string outsideDir = Path.Combine(_server.Root, "elsewhere");
        Directory.CreateDirectory(outsideDir);
        await File.WriteAllBytesAsync(Path.Combine(outsideDir, "a.json.gz"), [1]);
        await File.WriteAllBytesAsync(Path.Combine(outsideDir, "b.json.gz"), [2]);
        IReadOnlyList<ImportCandidate> outside = await CheckpointImporter.PlanAsync(_server.Client, outsideDir, CancellationToken.None);
        Assert.Equal(2, outside.Count);
        Assert.All(outside, c => Assert.Contains("is not a .json.gz file inside the checkpoint root", c.Refusal, StringComparison.Ordinal));
        Assert.Empty(await CheckpointImporter.ImportAsync(_server.Client, outside, CancellationToken.None));

        await File.WriteAllBytesAsync(Path.Combine(_server.CheckpointRoot, "good.json.gz"), [3]);
        File.CreateSymbolicLink(Path.Combine(_server.CheckpointRoot, "bad.json.gz"), Path.Combine(outsideDir, "a.json.gz"));
        IReadOnlyList<ImportCandidate> mixed = await CheckpointImporter.PlanAsync(_server.Client, _server.CheckpointRoot, CancellationToken.None);
        Assert.Equal(["bad.json.gz", "good.json.gz"], mixed.Select(c => c.Name));
        Assert.NotNull(mixed[0].Refusal);
        Assert.Null(mixed[1].Refusal);
        Assert.Empty(await _server.Store.ListCheckpointsAsync(false, null, CancellationToken.None));
        IReadOnlyList<CheckpointRecord> created = await CheckpointImporter.ImportAsync(_server.Client, mixed, CancellationToken.None);
        Assert.Equal(["good.json.gz"], created.Select(c => c.Name));
    }
}
