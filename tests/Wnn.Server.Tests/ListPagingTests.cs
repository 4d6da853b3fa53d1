using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

/// <summary>List endpoints page with limit and cursor, carry ETags, and the client follows the pages.</summary>
public sealed class ListPagingTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(withExecutor: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<long[]> SeedCheckpointsAsync(int count)
    {
        var ids = new List<long>();
        for (int i = 0; i < count; i++)
        {
            string path = Path.Combine(_server.CheckpointRoot, $"c{i:D3}.json.gz");
            await File.WriteAllBytesAsync(path, [1]);
            ids.Add((await _server.Store.CreateCheckpointAsync(new NewCheckpoint($"c{i}", path, null, null, null, null, null, false), CancellationToken.None)).Id);
        }

        return [.. ids];
    }

    [Fact]
    public async Task Checkpoints_page_by_cursor_newest_first_and_the_client_reads_every_page()
    {
        long[] ids = await SeedCheckpointsAsync(250);
        var seen = new List<long>();
        string? next = "/api/checkpoints";
        int pages = 0;
        while (next is not null)
        {
            using HttpResponseMessage page = await _server.Http.GetAsync(new Uri(next, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using JsonDocument json = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            seen.AddRange(json.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
            pages++;
            next = page.Headers.TryGetValues("Link", out IEnumerable<string>? links)
                ? links.Single().Split('<', '>')[1]
                : null;
        }

        Assert.Equal(3, pages); // 100 + 100 + 50
        Assert.Equal(ids.Reverse(), seen);
        Assert.Equal(ids.Reverse(), (await _server.Client.ListCheckpointsAsync(false, CancellationToken.None)).Select(c => c.Id));

        using HttpResponseMessage small = await _server.Http.GetAsync(new Uri("/api/checkpoints?limit=7", UriKind.Relative));
        Assert.Equal(ids[^7].ToString(System.Globalization.CultureInfo.InvariantCulture), small.Headers.GetValues("X-Next-Cursor").Single());
        using HttpResponseMessage after = await _server.Http.GetAsync(new Uri($"/api/checkpoints?limit=2&cursor={ids[^7]}", UriKind.Relative));
        using JsonDocument afterJson = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.Equal([ids[^8], ids[^9]], afterJson.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("/api/checkpoints?limit=501", "limit")]
    [InlineData("/api/checkpoints?limit=0", "limit")]
    [InlineData("/api/flows?limit=1000", "limit")]
    [InlineData("/api/experiments?cursor=-3", "cursor")]
    [InlineData("/api/flows?cursor=abc", null)]
    public async Task Bad_limits_and_cursors_are_400(string path, string? field)
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field is not null)
        {
            using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Lists_answer_304_to_their_etag_until_they_change()
    {
        await _server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "one" }, CancellationToken.None);
        using HttpResponseMessage first = await _server.Http.GetAsync(new Uri("/api/flows", UriKind.Relative));
        EntityTagHeaderValue etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/flows");
        again.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage notModified = await _server.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await _server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "two" }, CancellationToken.None);
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/api/flows");
        changed.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage fresh = await _server.Http.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
        Assert.Equal(2, JsonDocument.Parse(await fresh.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Lists_show_at_once_what_another_process_changed_including_heartbeats()
    {
        CancellationToken ct = CancellationToken.None;
        await _server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "one" }, ct);
        Assert.Single((await GetArrayAsync("/api/flows")).EnumerateArray());
        Assert.Single((await GetArrayAsync("/api/flows")).EnumerateArray()); // the kept answer

        // Another process writes to the same database: the next answer has its row.
        await using IExperimentStore other = await _server.OpenOtherStoreAsync();
        FlowRecord two = await other.CreateFlowAsync(new NewFlow("two", "{}", null, null), ct);
        Assert.Equal(["two", "one"], (await GetArrayAsync("/api/flows")).EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        long[] seeded = await SeedCheckpointsAsync(2);
        Assert.Equal(seeded.Reverse(), (await GetArrayAsync("/api/checkpoints")).EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(CheckpointDeleteResult.Deleted, await other.DeleteCheckpointAsync(seeded[1], force: false, ct));
        Assert.Equal([seeded[0]], (await GetArrayAsync("/api/checkpoints")).EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));

        // A heartbeat writes no event, yet the running flow's heartbeat_at is part of the list.
        await other.QueueFlowAsync(two.Id, ct);
        await other.RegisterWorkerAsync("cache-test-worker", "localhost", Environment.ProcessId, ct);
        Assert.Equal(two.Id, (await other.ClaimNextQueuedFlowAsync("cache-test-worker", ct))!.Id);
        DateTime claimed = HeartbeatOf(await GetArrayAsync("/api/flows"), two.Id);
        await Task.Delay(20);
        await other.HeartbeatAsync("cache-test-worker", ct);
        DateTime beat = HeartbeatOf(await GetArrayAsync("/api/flows"), two.Id);
        Assert.True(beat > claimed, $"heartbeat {beat:O} should be after the claim's {claimed:O}");
        Assert.Equal((await other.GetFlowAsync(two.Id, ct))!.HeartbeatAt, beat);
    }

    private async Task<JsonElement> GetArrayAsync(string path)
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static DateTime HeartbeatOf(JsonElement flows, long id) =>
        flows.EnumerateArray().Single(f => f.GetProperty("id").GetInt64() == id).GetProperty("heartbeat_at").GetDateTime().ToUniversalTime();
}
