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

    [Theory]
    [InlineData("/api/flows/%00")]
    [InlineData("/api/checkpoints%00/1")]
    [InlineData("/%00index.html")]
    [InlineData("/api/flows?status=%00")]
    public async Task A_nul_byte_in_the_path_or_query_is_a_400_problem(string path)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_server.Server.Url.Host, _server.Server.Url.Port);
        await using System.Net.Sockets.NetworkStream stream = client.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        string response = await new StreamReader(stream).ReadToEndAsync();
        // Kestrel itself refuses a NUL in the path; one in the query reaches the guard, which answers with a problem.
        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_byte_in_a_checkpoint_path_is_a_400_naming_the_field()
    {
        using HttpResponseMessage response = await _server.Http.PostAsync(new Uri("/api/checkpoints", UriKind.Relative),
            new StringContent("{\"file_path\":\"checkpoints/a\\u0000.json.gz\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("control character", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static StringContent Body() => new("""{"name":"guarded"}""", Encoding.UTF8, "application/json");
}
