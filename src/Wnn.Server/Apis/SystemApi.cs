using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Apis;

/// <summary><c>/api/health</c> and <c>/api/snapshot</c>.</summary>
public static class SystemApi
{
    private const int RecentExperiments = 50;

    /// <summary>Maps the health and snapshot endpoints.</summary>
    public static RouteGroupBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api").WithTags("System");
        group.MapGet("/health", GetHealth);
        group.MapGet("/snapshot", GetSnapshot);
        return group;
    }

    /// <summary>
    /// Reports that the server and its database answer: 503 (problem details naming the damaged tables) when the last
    /// integrity check failed; <c>?check=true</c> runs the check (SQLite <c>PRAGMA quick_check</c>) now.
    /// </summary>
    internal static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetHealth(
        bool? check, IExperimentStore store, ServerInfo info, StoreHealth health, CancellationToken cancellationToken)
    {
        if (check == true)
        {
            await health.CheckAsync(force: true, cancellationToken);
        }

        if (!health.Current.IsSound)
        {
            return TypedResults.Problem(health.Describe(), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database damaged");
        }

        int version = await store.GetSchemaVersionAsync(cancellationToken);
        long last = await store.GetLastEventIdAsync(cancellationToken);
        int workers = (await store.ListWorkersAsync(cancellationToken)).Count;
        return TypedResults.Ok(new HealthResponse("ok", store.Provider, version, last, workers, info.LocalWorkers));
    }

    /// <summary>Everything the dashboard renders, consistent with the event stream from <c>last_event_id</c> on.</summary>
    public static async Task<Ok<DashboardSnapshot>> GetSnapshot(IExperimentStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await BuildSnapshotAsync(store, cancellationToken));

    /// <summary>Builds a snapshot; the event id is read first so no later event is missed by a client that follows on.</summary>
    public static async Task<DashboardSnapshot> BuildSnapshotAsync(IExperimentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        long last = await store.GetLastEventIdAsync(cancellationToken);
        IReadOnlyList<FlowRecord> flows = await store.ListFlowsAsync(null, cancellationToken);
        var active = flows.Where(f => f.Status is FlowStatus.Running or FlowStatus.Queued).Select(f => f.Id).ToHashSet();
        IReadOnlyList<ExperimentRecord> all = await store.ListExperimentsAsync(null, cancellationToken);
        var experiments = all.Where((e, index) => index < RecentExperiments || (e.FlowId is long f && active.Contains(f))).ToList();
        IReadOnlyList<CheckpointRecord> checkpoints = await store.ListCheckpointsAsync(false, null, cancellationToken);
        IReadOnlyList<WorkerRecord> workers = await store.ListWorkersAsync(cancellationToken);
        return new DashboardSnapshot(last, flows, experiments, checkpoints, workers);
    }
}
