using System.Net;

namespace Wnn.Server.Tests;

public sealed class DashboardFilesTests : IAsyncLifetime
{
    private const string Index = "<!doctype html><title>test dashboard</title>";
    private readonly string _dist = Path.Combine(Path.GetTempPath(), "wnn-dist-" + Guid.NewGuid().ToString("N"));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_dist, "index.html"), Index);
        await File.WriteAllTextAsync(Path.Combine(_dist, "assets", "app-1234.js"), "console.log(1)");
        _server = await LoopbackServer.StartAsync(o => o with { DashboardDirectory = _dist }, withExecutor: false);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dist, recursive: true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/flows")]
    [InlineData("/flows/42")]
    [InlineData("/experiments/7?tab=chart")]
    public async Task Client_side_routes_are_answered_with_index_html(string path)
    {
        HttpResponseMessage response = await _server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fingerprinted_assets_are_served_with_long_caching()
    {
        HttpResponseMessage response = await _server.Http.GetAsync("/assets/app-1234.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("console.log(1)", await response.Content.ReadAsStringAsync());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/flows/1/nothing")]
    [InlineData("/assets/missing.js")]
    public async Task The_fallback_never_answers_for_the_api_or_missing_files(string path)
    {
        HttpResponseMessage response = await _server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual(Index, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_still_answers_next_to_the_dashboard()
    {
        HttpResponseMessage response = await _server.Http.GetAsync("/api/flows");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_configured_directory_without_index_html_is_rejected_by_name()
    {
        var options = new ServerOptions { DashboardDirectory = "/nonexistent/dist" };
        ArgumentException error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("/nonexistent/dist", error.Message, StringComparison.Ordinal);
    }
}
