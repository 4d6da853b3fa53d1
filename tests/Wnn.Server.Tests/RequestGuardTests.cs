using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace Wnn.Server.Tests;

public sealed class RequestGuardTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(withExecutor: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Cross_origin_mutations_are_refused_and_same_origin_ones_pass()
    {
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/flows") { Content = Body() };
        foreign.Headers.Add("Origin", "https://evil.example");
        using HttpResponseMessage refused = await _server.Http.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        using var same = new HttpRequestMessage(HttpMethod.Post, "/api/flows") { Content = Body() };
        same.Headers.Add("Origin", _server.Server.Url.GetLeftPart(UriPartial.Authority));
        using HttpResponseMessage accepted = await _server.Http.SendAsync(same);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        Assert.Single(await _server.Store.ListFlowsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Requests_addressed_to_another_host_name_are_refused_on_a_loopback_server()
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/flows");
        rebound.Headers.Host = $"attacker.example:{_server.Server.Url.Port}";

        using HttpResponseMessage response = await _server.Http.SendAsync(rebound);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cross_origin_websocket_is_refused()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var ws = new UriBuilder(_server.Server.Url) { Scheme = "ws", Path = "/ws" }.Uri;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(ws, CancellationToken.None));
    }

    private static StringContent Body() => new("""{"name":"guarded"}""", Encoding.UTF8, "application/json");
}
