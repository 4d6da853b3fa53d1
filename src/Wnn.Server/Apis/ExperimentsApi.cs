using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Apis;

/// <summary><c>/api/experiments</c>: list, create, get, and the iterations of an experiment.</summary>
public static class ExperimentsApi
{
    /// <summary>Maps the experiment endpoints.</summary>
    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/experiments").WithTags("Experiments");
        group.MapGet("/", ListExperiments);
        group.MapPost("/", CreateExperiment);
        group.MapGet("/{id:long}", GetExperiment);
        group.MapGet("/{id:long}/iterations", ListIterations);
        return group;
    }

    /// <summary>
    /// Lists experiments newest first, paged (<c>?limit=</c>, <c>?cursor=</c>), or all of <c>?flow_id=</c> in sequence
    /// order (a flow has a few); with an ETag.
    /// </summary>
    public static async Task<IResult> ListExperiments(
        [FromQuery(Name = "flow_id")] long? flowId, int? limit, long? cursor, HttpContext context, IExperimentStore store, ListCache cache,
        CancellationToken cancellationToken)
    {
        if (ListPage.TryRead(limit, cursor, out int take, out long? before) is { } invalid)
        {
            return invalid;
        }

        return await cache.AnswerAsync(context, store, flowHeartbeats: false, async () => flowId is long flow
            ? ListPage.Body(JsonSerializer.SerializeToUtf8Bytes(await store.ListExperimentsAsync(flow, cancellationToken), StoreJson.Options))
            : ListPage.Render(context, await store.ListExperimentsAsync(before, take + 1, cancellationToken), take, e => e.Id), cancellationToken);
    }

    /// <summary>Creates a pending experiment.</summary>
    public static async Task<Results<Created<ExperimentRecord>, ValidationProblem>> CreateExperiment(
        CreateExperimentRequest request, IExperimentStore store, CancellationToken cancellationToken)
    {
        RequestErrors errors = RequestValidation.Validate(request);
        if (request.FlowId is long flowId && await store.GetFlowAsync(flowId, cancellationToken) is null)
        {
            errors.Add("flow_id", $"flow {flowId} does not exist");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        string config = request.Config is { ValueKind: System.Text.Json.JsonValueKind.Object } c ? c.GetRawText() : "{}";
        ExperimentRecord experiment = await store.CreateExperimentAsync(
            new NewExperiment(request.Name!.Trim(), request.PhaseKey!, request.Kind!, request.Dimension!, request.FlowId, request.Sequence, config),
            cancellationToken);
        return TypedResults.Created($"/api/experiments/{experiment.Id}", experiment);
    }

    /// <summary>Gets one experiment.</summary>
    public static async Task<Results<Ok<ExperimentRecord>, ProblemHttpResult>> GetExperiment(
        long id, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.GetExperimentAsync(id, cancellationToken) is ExperimentRecord experiment
            ? TypedResults.Ok(experiment)
            : Problems.NotFound($"experiment {id} does not exist");

    /// <summary>
    /// Lists the iterations of an experiment after iteration <c>?after=</c>, at most <c>?limit=</c> (default and largest
    /// 500); <c>X-Next-Cursor</c> is the <c>after</c> of the next page. With an ETag.
    /// </summary>
    public static async Task<IResult> ListIterations(
        long id, int? after, int? limit, HttpContext context, IExperimentStore store, ListCache cache, CancellationToken cancellationToken)
    {
        int take = limit ?? ListPage.MaxLimit;
        if (take is < 1 or > ListPage.MaxLimit)
        {
            return Problems.Invalid("limit", $"{take} is not allowed; use 1 to {ListPage.MaxLimit} and follow the next cursor (?after=)");
        }

        if (await store.GetExperimentAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"experiment {id} does not exist");
        }

        return await cache.AnswerAsync(context, store, flowHeartbeats: false, async () =>
        {
            IReadOnlyList<IterationRecord> rows = await store.ListIterationsAsync(id, after ?? 0, cancellationToken);
            IReadOnlyList<IterationRecord> page = rows.Count > take ? rows.Take(take).ToList() : rows;
            string? next = rows.Count > take ? page[^1].Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return ListPage.Body(JsonSerializer.SerializeToUtf8Bytes(page, StoreJson.Options), next,
                next is null ? null : $"<{context.Request.Path}?after={next}&limit={take}>; rel=\"next\"");
        }, cancellationToken);
    }
}
