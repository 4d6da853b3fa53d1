using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

public sealed class FlowsApiTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(withExecutor: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_reports_the_provider_and_schema_version()
    {
        HealthResponse health = await _server.Client.GetHealthAsync(CancellationToken.None);

        Assert.Equal(("ok", "sqlite", 4, 0), (health.Status, health.Provider, health.SchemaVersion, health.LocalWorkers));
        Assert.True(await _server.Client.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Flow_crud_round_trips_over_http_in_snake_case()
    {
        using HttpResponseMessage created = await _server.Http.PostAsync(new Uri("/api/flows", UriKind.Relative), Json(
            """{"name":"Pass 1","description":"first","config":{"template":"standard-6-phase","patience":10,"phase_order":"bits_first"}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement body = await created.Content.ReadFromJsonAsync<JsonElement>();
        long id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/flows/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal(10, body.GetProperty("config").GetProperty("patience").GetInt32());
        Assert.True(body.TryGetProperty("created_at", out _));

        FlowRecord patched = await _server.Client.UpdateFlowAsync(id, new UpdateFlowRequest { Name = "Pass 1b" }, CancellationToken.None);
        Assert.Equal(("Pass 1b", "first"), (patched.Name, patched.Description));

        await _server.Client.QueueFlowAsync(id, CancellationToken.None);
        Assert.Equal([id], (await _server.Client.ListFlowsAsync(FlowStatus.Queued, CancellationToken.None)).Select(f => f.Id));
        Assert.Empty(await _server.Client.ListFlowsAsync(FlowStatus.Completed, CancellationToken.None));

        FlowRecord stopped = await _server.Client.StopFlowAsync(id, CancellationToken.None);
        Assert.Equal(FlowStatus.Cancelled, stopped.Status);
        FlowRecord restarted = await _server.Client.RestartFlowAsync(id, CancellationToken.None);
        Assert.Equal(FlowStatus.Queued, restarted.Status);
        WnnApiException conflict = await Assert.ThrowsAsync<WnnApiException>(() => _server.Client.RestartFlowAsync(id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);

        using HttpResponseMessage deleted = await _server.Http.DeleteAsync(new Uri($"/api/flows/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage missing = await _server.Http.GetAsync(new Uri($"/api/flows/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        JsonElement problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal($"flow {id} does not exist", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Editing_or_deleting_a_flow_in_the_wrong_state_is_a_409_problem()
    {
        FlowRecord flow = await _server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "busy" }, CancellationToken.None);
        await _server.Client.QueueFlowAsync(flow.Id, CancellationToken.None);
        await _server.Store.ClaimNextQueuedFlowAsync("w", CancellationToken.None);

        WnnApiException edit = await Assert.ThrowsAsync<WnnApiException>(() =>
            _server.Client.UpdateFlowAsync(flow.Id, new UpdateFlowRequest { Name = "renamed" }, CancellationToken.None));
        WnnApiException delete = await Assert.ThrowsAsync<WnnApiException>(() => _server.Client.DeleteFlowAsync(flow.Id, CancellationToken.None));

        Assert.Equal((HttpStatusCode.Conflict, $"flow {flow.Id} is running; only pending, completed, failed or cancelled flows can be edited"),
            (edit.Status, edit.Detail));
        Assert.Equal((HttpStatusCode.Conflict, $"flow {flow.Id} is running; stop it before deleting it"), (delete.Status, delete.Detail));
        Assert.Equal("busy", (await _server.Client.GetFlowAsync(flow.Id, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task Queueing_or_restarting_a_completed_flow_is_a_409_and_leaves_it_completed()
    {
        FlowRecord flow = await _server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "done" }, CancellationToken.None);
        await _server.Client.QueueFlowAsync(flow.Id, CancellationToken.None);
        await _server.Store.ClaimNextQueuedFlowAsync("w", CancellationToken.None);
        Assert.True(await _server.Store.FinishFlowAsync(flow.Id, "w", FlowStatus.Completed, null, CancellationToken.None));

        WnnApiException queue = await Assert.ThrowsAsync<WnnApiException>(() => _server.Client.QueueFlowAsync(flow.Id, CancellationToken.None));
        WnnApiException restart = await Assert.ThrowsAsync<WnnApiException>(() => _server.Client.RestartFlowAsync(flow.Id, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Conflict, queue.Status);
        Assert.StartsWith($"flow {flow.Id} is completed; to run it again create a new flow", queue.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, restart.Status);
        Assert.Equal(FlowStatus.Completed, (await _server.Client.GetFlowAsync(flow.Id, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Invalid_flow_is_rejected_with_a_validation_problem_naming_each_field()
    {
        using HttpResponseMessage response = await _server.Http.PostAsync(new Uri("/api/flows", UriKind.Relative),
            Json("""{"name":"  ","config":{"patience":0,"phase_order":"sideways"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        JsonElement errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("not be blank", errors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("0 is out of range; allowed 1..1000000 or null", errors.GetProperty("config.patience")[0].GetString());
        Assert.Equal("'sideways' is not allowed; expected one of neurons_first, bits_first", errors.GetProperty("config.phase_order")[0].GetString());
        Assert.Empty(await _server.Store.ListFlowsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Malformed_json_gets_a_400_problem()
    {
        using HttpResponseMessage response = await _server.Http.PostAsync(new Uri("/api/flows", UriKind.Relative), Json("""{"name": "x", """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Body_over_the_size_limit_gets_413()
    {
        string huge = $$"""{"name":"big","description":"{{new string('x', 2 << 20)}}"}""";

        using HttpResponseMessage response = await _server.Http.PostAsync(new Uri("/api/flows", UriKind.Relative), Json(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _server.Store.ListFlowsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_status_filter_is_a_validation_problem()
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri("/api/flows?status=sleeping", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("'sleeping' is not a flow status", errors.GetProperty("status")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Experiments_are_created_validated_and_listed_per_flow()
    {
        FlowRecord flow = await _server.Client.CreateFlowAsync(new CreateFlowRequest { Name = "f" }, CancellationToken.None);

        WnnApiException bad = await Assert.ThrowsAsync<WnnApiException>(() => _server.Client.CreateExperimentAsync(
            new CreateExperimentRequest { Name = "x", PhaseKey = "zz", Kind = "sa", Dimension = "bits", FlowId = 999 }, CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("kind: 'sa' is not allowed; use one of ga, ts", bad.Detail, StringComparison.Ordinal);
        Assert.Contains("flow_id: flow 999 does not exist", bad.Detail, StringComparison.Ordinal);
        Assert.Contains("phase_key", bad.Detail, StringComparison.Ordinal);

        ExperimentRecord created = await _server.Client.CreateExperimentAsync(new CreateExperimentRequest
        {
            Name = "Phase 2a: GA Bits",
            PhaseKey = "2a",
            Kind = "ga",
            Dimension = "bits",
            FlowId = flow.Id,
            Sequence = 2,
        }, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Pending, created.Status);
        Assert.Equal([created.Id], (await _server.Client.ListFlowExperimentsAsync(flow.Id, CancellationToken.None)).Select(e => e.Id));
        Assert.Equal("2a", (await _server.Client.GetExperimentAsync(created.Id, CancellationToken.None)).PhaseKey);
        Assert.Empty(await _server.Client.ListIterationsAsync(created.Id, CancellationToken.None));
        Assert.Equal([created.Id], (await _server.Client.ListExperimentsAsync(null, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_text_value_for_an_integer_config_key_is_a_400_problem_not_a_server_error()
    {
        using HttpResponseMessage response = await _server.Http.PostAsync(new Uri("/api/flows", UriKind.Relative), Json(
            """{"name":"typed","config":{"ga_generations":"many"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("'many' is not an integer", problem.GetProperty("errors").GetProperty("config.ga_generations")[0].GetString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
