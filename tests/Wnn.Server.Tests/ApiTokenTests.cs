using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wnn.Server.Tests;

public sealed class ApiTokenTests
{
    [Fact]
    public void Binding_to_a_non_loopback_address_without_a_token_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServerOptions { Host = "0.0.0.0" }.Validate());

        Assert.Equal("binding to 0.0.0.0 (not loopback) requires an API token: pass --api-token or set WNN_API_TOKEN", ex.Message);
        new ServerOptions { Host = "127.0.0.1" }.Validate();
        new ServerOptions { Host = "localhost" }.Validate();
        new ServerOptions { Host = "::1" }.Validate();
    }

    [Fact]
    public async Task Mutating_requests_need_the_bearer_token_when_bound_to_all_interfaces()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(o => o with { Host = "0.0.0.0", ApiToken = "s3cret" }, withExecutor: false);
        using var http = new HttpClient { BaseAddress = server.Server.Url };

        using HttpResponseMessage anonymous = await http.PostAsync(new Uri("/api/flows", UriKind.Relative), Body());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/flows") { Content = Body() };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Post, "/api/flows") { Content = Body() };
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(right)).StatusCode);

        Assert.Single(await server.Client.ListFlowsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task With_a_token_reads_downloads_and_the_socket_need_it_too()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(o => o with { Host = "0.0.0.0", ApiToken = "s3cret" }, withExecutor: false);
        string file = Path.Combine(server.CheckpointRoot, "c.json.gz");
        await File.WriteAllBytesAsync(file, [1, 2, 3]);
        long id = (await server.Client.RegisterCheckpointAsync(new Wnn.Contracts.CreateCheckpointRequest { FilePath = file }, CancellationToken.None)).Id;
        using var http = new HttpClient { BaseAddress = server.Server.Url };
        foreach (string path in new[] { "/api/flows", "/api/health", "/api/snapshot", "/api/checkpoints", $"/api/checkpoints/{id}/download", "/api/experiments" })
        {
            using HttpResponseMessage anonymous = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, path);
            Assert.DoesNotContain("c.json.gz", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using HttpResponseMessage withToken = await Authorized(http, "/api/checkpoints");
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);

        var ws = new Uri(new UriBuilder(server.Server.Url) { Scheme = "ws", Path = "/ws" }.Uri.ToString());
        using (var anonymousSocket = new System.Net.WebSockets.ClientWebSocket())
        {
            await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => anonymousSocket.ConnectAsync(ws, CancellationToken.None));
        }

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri(ws + "?access_token=s3cret"), CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);

        // The dashboard's page itself carries no data and loads without the token (it then asks for it).
        using HttpResponseMessage page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    [Fact]
    public async Task Public_read_leaves_reads_open_and_still_guards_changes()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(
            o => o with { Host = "0.0.0.0", ApiToken = "s3cret", PublicRead = true }, withExecutor: false);
        using var http = new HttpClient { BaseAddress = server.Server.Url };
        using HttpResponseMessage read = await http.GetAsync(new Uri("/api/flows", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0, (await JsonDocument.ParseAsync(await read.Content.ReadAsStreamAsync())).RootElement.GetArrayLength());
        using HttpResponseMessage write = await http.PostAsync(new Uri("/api/flows", UriKind.Relative), Body());
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    private static Task<HttpResponseMessage> Authorized(HttpClient http, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        return http.SendAsync(request);
    }

    private static StringContent Body() => new("""{"name":"guarded"}""", Encoding.UTF8, "application/json");
}
