using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wnn.Experiments.Flows;
using Wnn.Server;
using Wnn.Storage;

namespace Wnn.Cli.Tests;

/// <summary>The server checks flow configs with the phased executor's rules: a bad config is a 400 problem naming the key.</summary>
public sealed class FlowConfigValidationTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wnn-flowcfg-" + Guid.NewGuid().ToString("N"));
    private IExperimentStore _store = null!;
    private WnnServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _store = await SqliteExperimentStore.OpenAsync(Path.Combine(_root, "experiments.db"), CancellationToken.None);
        _server = await WnnServer.StartAsync(new ServerOptions
        {
            Port = 0,
            Workers = 0,
            Worker = new WorkerOptions { CheckpointRoot = Path.Combine(_root, "checkpoints") },
        }, _store, new PhasedFlowExecutor(), CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.Url };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("""{"tier_config":"100,15"}""", "config key 'model.tier_config'")]
    [InlineData("""{"populaton_size":5}""", "unknown flow config key 'populaton_size'")]
    [InlineData("""{"min_bits":10,"max_bits":5}""", "config key 'mutation.min_bits/mutation.max_bits': 10/5 is out of range")]
    [InlineData("""{"fitness":"best"}""", "'best' is not allowed; expected one of ce")]
    [InlineData("""{"train_file":"/nope.txt","eval_file":"/nope-eval.txt"}""", "config key 'data.train_file': file '/nope.txt' does not exist on the server")]
    [InlineData("""{"train_file":"/","eval_file":"/nope-eval.txt"}""", "config key 'data.eval_file': file '/nope-eval.txt' does not exist on the server")]
    public async Task A_config_the_executor_cannot_run_is_refused_with_400_problem_details(string config, string expected)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync("api/flows",
            new { name = "bad", config = JsonDocument.Parse(config).RootElement });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // Errors are keyed "config" or "config.<key>" (schema checks name the key): one of them names the problem.
        string[] messages = [.. problem.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(m => m.GetString() ?? "")];
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(await _store.ListFlowsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_valid_config_is_stored_as_given_and_can_be_patched_only_with_a_valid_one()
    {
        using HttpResponseMessage created = await _http.PostAsJsonAsync("api/flows", new
        {
            name = "ok",
            config = JsonDocument.Parse("""{"population":4,"tier_config":"50,6,10;rest,2,6","phase_order":"bits_first"}""").RootElement,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        using HttpResponseMessage patched = await _http.PatchAsJsonAsync($"api/flows/{id}",
            new { config = JsonDocument.Parse("""{"ga_generations":"x"}""").RootElement });
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
    }
}
