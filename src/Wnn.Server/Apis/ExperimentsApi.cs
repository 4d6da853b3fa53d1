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

    /// <summary>Lists experiments newest first, or those of <c>?flow_id=</c> in sequence order.</summary>
    public static async Task<Ok<IReadOnlyList<ExperimentRecord>>> ListExperiments(
        [FromQuery(Name = "flow_id")] long? flowId, IExperimentStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListExperimentsAsync(flowId, cancellationToken));

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

    /// <summary>Lists the iterations of an experiment, optionally after iteration <c>?after=</c>.</summary>
    public static async Task<Results<Ok<IReadOnlyList<IterationRecord>>, ProblemHttpResult>> ListIterations(
        long id, int? after, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.GetExperimentAsync(id, cancellationToken) is null
            ? Problems.NotFound($"experiment {id} does not exist")
            : TypedResults.Ok(await store.ListIterationsAsync(id, after ?? 0, cancellationToken));
}
