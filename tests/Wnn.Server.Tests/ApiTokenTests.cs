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

        using HttpResponseMessage read = await http.GetAsync(new Uri("/api/flows", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, (await JsonDocument.ParseAsync(await read.Content.ReadAsStreamAsync())).RootElement.GetArrayLength());
        Assert.Single(await server.Client.ListFlowsAsync(null, CancellationToken.None));
    }

    private static StringContent Body() => new("""{"name":"guarded"}""", Encoding.UTF8, "application/json");
}
