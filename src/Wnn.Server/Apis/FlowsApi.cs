using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Apis;

/// <summary><c>/api/flows</c>: CRUD, experiments of a flow, queue, stop and restart.</summary>
public static class FlowsApi
{
    /// <summary>Maps the flow endpoints.</summary>
    public static RouteGroupBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/flows").WithTags("Flows");
        group.MapGet("/", ListFlows);
        group.MapPost("/", CreateFlow);
        group.MapGet("/{id:long}", GetFlow);
        group.MapPatch("/{id:long}", UpdateFlow);
        group.MapDelete("/{id:long}", DeleteFlow);
        group.MapGet("/{id:long}/experiments", ListFlowExperiments);
        group.MapPost("/{id:long}/queue", QueueFlow);
        group.MapPost("/{id:long}/stop", StopFlow);
        group.MapPost("/{id:long}/restart", RestartFlow);
        return group;
    }

    /// <summary>Lists flows, newest first, optionally with <c>?status=</c>; paged (<c>?limit=</c>, <c>?cursor=</c>) with an ETag.</summary>
    public static async Task<IResult> ListFlows(
        string? status, int? limit, long? cursor, HttpContext context, IExperimentStore store, ListCache cache, CancellationToken cancellationToken)
    {
        if (ListPage.TryRead(limit, cursor, out int take, out long? before) is { } invalid)
        {
            return invalid;
        }

        FlowStatus? filter = null;
        if (status is not null)
        {
            if (!StatusNames.TryParseFlowStatus(status, out FlowStatus parsed))
            {
                return Problems.Invalid("status", $"'{status}' is not a flow status; use pending, queued, running, completed, failed or cancelled");
            }

            filter = parsed;
        }

        return await cache.AnswerAsync(context, store, flowHeartbeats: true,
            async () => ListPage.Render(context, await store.ListFlowsAsync(filter, before, take + 1, cancellationToken), take, f => f.Id), cancellationToken);
    }

    /// <summary>Creates a pending flow.</summary>
    public static async Task<Results<Created<FlowRecord>, ValidationProblem, ProblemHttpResult>> CreateFlow(
        CreateFlowRequest request, IExperimentStore store, FlowConfigCheck check, CancellationToken cancellationToken)
    {
        RequestErrors errors = RequestValidation.Validate(request);
        if (!errors.Any && check.Validate(ConfigText(request.Config) ?? "{}") is string problem)
        {
            errors.Add("config", problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (request.SeedCheckpointId is long seed && await store.GetCheckpointAsync(seed, cancellationToken) is null)
        {
            return Problems.Invalid("seed_checkpoint_id", $"checkpoint {seed} does not exist");
        }

        FlowRecord flow = await store.CreateFlowAsync(
            new NewFlow(request.Name!.Trim(), ConfigText(request.Config) ?? "{}", request.Description, request.SeedCheckpointId), cancellationToken);
        return TypedResults.Created($"/api/flows/{flow.Id}", flow);
    }

    /// <summary>Gets one flow.</summary>
    public static async Task<Results<Ok<FlowRecord>, ProblemHttpResult>> GetFlow(long id, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.GetFlowAsync(id, cancellationToken) is FlowRecord flow ? TypedResults.Ok(flow) : Problems.NotFound($"flow {id} does not exist");

    /// <summary>Edits name, description or config of a flow that is not queued or running.</summary>
    public static async Task<Results<Ok<FlowRecord>, ValidationProblem, ProblemHttpResult>> UpdateFlow(
        long id, UpdateFlowRequest request, IExperimentStore store, FlowConfigCheck check, CancellationToken cancellationToken)
    {
        RequestErrors errors = RequestValidation.Validate(request);
        if (!errors.Any && ConfigText(request.Config) is string config && check.Validate(config) is string problem)
        {
            errors.Add("config", problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (ConfigText(request.Config) is string edited && await store.GetFlowAsync(id, cancellationToken) is FlowRecord current
            && check.ValidateEdit(current.ConfigJson ?? "{}", edited, CompletedPhases(await store.ListExperimentsAsync(id, cancellationToken))) is string refused)
        {
            return Problems.Conflict($"flow {id}: {refused}");
        }

        FlowRecord? flow = await store.UpdateFlowAsync(id, new FlowUpdate(request.Name?.Trim(), request.Description, ConfigText(request.Config)),
            cancellationToken);
        return flow is null ? Problems.NotFound($"flow {id} does not exist") : TypedResults.Ok(flow);
    }

    /// <summary>Deletes a flow that is not running, with its experiments (checkpoint files stay).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteFlow(long id, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.DeleteFlowAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"flow {id} does not exist");

    /// <summary>Lists the experiments of a flow in sequence order.</summary>
    public static async Task<IResult> ListFlowExperiments(
        long id, HttpContext context, IExperimentStore store, ListCache cache, CancellationToken cancellationToken) =>
        await store.GetFlowAsync(id, cancellationToken) is null
            ? Problems.NotFound($"flow {id} does not exist")
            : await cache.AnswerAsync(context, store, flowHeartbeats: false,
                async () => ListPage.Body(JsonSerializer.SerializeToUtf8Bytes(await store.ListExperimentsAsync(id, cancellationToken), StoreJson.Options)),
                cancellationToken);

    /// <summary>Queues a flow for the workers.</summary>
    public static async Task<Results<Ok<FlowRecord>, ProblemHttpResult>> QueueFlow(long id, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.QueueFlowAsync(id, cancellationToken) is FlowRecord flow ? TypedResults.Ok(flow) : Problems.NotFound($"flow {id} does not exist");

    /// <summary>Stops a flow: cancels it if queued, asks its worker to stop if running.</summary>
    public static async Task<Results<Ok<FlowRecord>, ProblemHttpResult>> StopFlow(long id, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.RequestStopAsync(id, cancellationToken) is FlowRecord flow ? TypedResults.Ok(flow) : Problems.NotFound($"flow {id} does not exist");

    /// <summary>
    /// Requeues a failed or cancelled flow; it resumes after its last completed experiment (a completed flow is a 409). With
    /// <c>from</c>, the experiments of that phase and later ones are removed with their checkpoints first (and the config
    /// replaced when given, checked against the phases kept), so the flow runs again from that phase.
    /// </summary>
    public static async Task<Results<Ok<FlowRecord>, ValidationProblem, ProblemHttpResult>> RestartFlow(
        long id, HttpRequest http, IExperimentStore store, FlowConfigCheck check, ServerOptions options,
        CancellationToken cancellationToken)
    {
        // The body is optional: a bare POST restarts from the first incomplete phase, as before phase restarts existed.
        // (A [FromBody] parameter would make routing refuse a POST without a JSON content type.)
        RestartFlowRequest? request = null;
        if (http.ContentLength is not 0 && http.HasJsonContentType())
        {
            try
            {
                request = await http.ReadFromJsonAsync<RestartFlowRequest>(cancellationToken);
            }
            catch (JsonException ex)
            {
                var bodyErrors = new RequestErrors();
                bodyErrors.Add("body", $"not a restart request: {ex.Message}");
                return bodyErrors.ToProblem();
            }
        }

        FlowRecord? flow = await store.GetFlowAsync(id, cancellationToken);
        if (flow is null)
        {
            return Problems.NotFound($"flow {id} does not exist");
        }

        if (flow.Status is FlowStatus.Running or FlowStatus.Queued)
        {
            return Problems.Conflict($"flow {id} is {flow.Status.ToName()}; stop it before restarting it");
        }

        string? config = ConfigText(request?.Config);
        if (config is not null && check.Validate(config) is string invalid)
        {
            var errors = new RequestErrors();
            errors.Add("config", invalid);
            return errors.ToProblem();
        }

        if (request?.From is string from)
        {
            // The executor knows the phase list; without one, the phases the flow has run.
            IReadOnlyList<string> keys = check.PhaseKeys(config ?? flow.ConfigJson ?? "{}")
                ?? [.. (await store.ListExperimentsAsync(id, cancellationToken)).OrderBy(e => e.Sequence).Select(e => e.PhaseKey).Distinct()];
            int index = keys.ToList().IndexOf(from);
            if (index < 0)
            {
                var errors = new RequestErrors();
                errors.Add("from", $"'{from}' is not a phase of flow {id}; expected one of {string.Join(", ", keys)}");
                return errors.ToProblem();
            }

            int kept = Math.Min(index, CompletedPhases(await store.ListExperimentsAsync(id, cancellationToken)));
            if (config is not null && check.ValidateEdit(flow.ConfigJson ?? "{}", config, kept) is string refused)
            {
                return Problems.Conflict($"flow {id}: {refused}");
            }

            await store.ResetFlowAsync(id, index, config, cancellationToken);
            RemovePhaseFiles(Path.Combine(Path.GetFullPath(options.Worker.CheckpointRoot), $"flow-{id}"), keys.Skip(index));
        }
        else if (config is not null)
        {
            return Problems.Conflict($"flow {id}: a new config needs 'from', the phase to run again from");
        }

        return TypedResults.Ok((await store.QueueFlowAsync(id, cancellationToken))!);
    }

    /// <summary>How many phases from the first have a completed experiment (the checkpoints a rerun keeps).</summary>
    private static int CompletedPhases(IReadOnlyList<ExperimentRecord> experiments)
    {
        int n = 0;
        while (experiments.Any(e => e.Sequence == n && e.Status == ExperimentStatus.Completed))
        {
            n++;
        }

        return n;
    }

    /// <summary>Deletes the phase and mid-phase checkpoint files of <paramref name="keys"/> in a flow's directory (they are written again).</summary>
    private static void RemovePhaseFiles(string directory, IEnumerable<string> keys)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (string key in keys)
        {
            foreach (string file in Directory.EnumerateFiles(directory, $"phase_{key}_*.json*"))
            {
                File.Delete(file);
            }
        }
    }

    private static string? ConfigText(JsonElement? config) =>
        config is JsonElement { ValueKind: JsonValueKind.Object } element ? element.GetRawText() : null;
}
