using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Apis;

/// <summary><c>/api/checkpoints</c>: list, register, get, delete (guarded by reference count) and download.</summary>
public static class CheckpointsApi
{
    /// <summary>Maps the checkpoint endpoints.</summary>
    public static RouteGroupBuilder MapCheckpointsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/checkpoints").WithTags("Checkpoints");
        group.MapGet("/", ListCheckpoints);
        group.MapPost("/", CreateCheckpoint);
        group.MapGet("/{id:long}", GetCheckpoint);
        group.MapDelete("/{id:long}", DeleteCheckpoint);
        group.MapGet("/{id:long}/download", DownloadCheckpoint);
        return group;
    }

    /// <summary>
    /// Lists checkpoints newest first; <c>?final_only=true</c> keeps final ones, <c>?experiment_id=</c> one experiment's;
    /// paged (<c>?limit=</c>, <c>?cursor=</c>) with an ETag.
    /// </summary>
    public static async Task<IResult> ListCheckpoints(
        [FromQuery(Name = "final_only")] bool? finalOnly, [FromQuery(Name = "experiment_id")] long? experimentId, int? limit, long? cursor,
        HttpContext context, IExperimentStore store, ListCache cache, CancellationToken cancellationToken)
    {
        if (ListPage.TryRead(limit, cursor, out int take, out long? before) is { } invalid)
        {
            return invalid;
        }

        return await cache.AnswerAsync(context, store, flowHeartbeats: false, async () => ListPage.Render(context,
            await store.ListCheckpointsAsync(finalOnly ?? false, experimentId, before, take + 1, cancellationToken), take, c => c.Id), cancellationToken);
    }

    /// <summary>
    /// Registers an existing <c>.json.gz</c> file inside the server's checkpoint root (its real path, links resolved);
    /// <c>?dry_run=true</c> runs every check and answers 200 without registering.
    /// </summary>
    public static async Task<Results<Created<CheckpointRecord>, Ok<CheckpointRecord>, ValidationProblem, ProblemHttpResult>> CreateCheckpoint(
        CreateCheckpointRequest request, [FromQuery(Name = "dry_run")] bool? dryRun, IExperimentStore store, ServerOptions options,
        CancellationToken cancellationToken)
    {
        RequestErrors errors = RequestValidation.Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        string root = Path.GetFullPath(options.Worker.CheckpointRoot);
        string? path = RequestValidation.ResolveCheckpointPath(root, request.FilePath!);
        if (path is null)
        {
            return Problems.Invalid("file_path",
                $"'{request.FilePath}' is not a .json.gz file inside the checkpoint root '{root}' (symbolic links are followed to their real path)");
        }

        if (!File.Exists(path))
        {
            return Problems.Invalid("file_path", $"'{path}' does not exist");
        }

        if (request.ExperimentId is long experimentId && await store.GetExperimentAsync(experimentId, cancellationToken) is null)
        {
            return Problems.Invalid("experiment_id", $"experiment {experimentId} does not exist");
        }

        if (await store.GetCheckpointByPathAsync(path, cancellationToken) is CheckpointRecord existing)
        {
            return Problems.Conflict($"'{path}' is already registered as checkpoint {existing.Id}");
        }

        string? stats = request.GenomeStats is { ValueKind: System.Text.Json.JsonValueKind.Object } s ? s.GetRawText() : null;
        var row = new NewCheckpoint(request.Name?.Trim() ?? Path.GetFileName(path), path, request.ExperimentId, request.FinalFitness,
            request.FinalAccuracy, request.IterationsRun, stats, request.IsFinal);
        if (dryRun == true)
        {
            return TypedResults.Ok(new CheckpointRecord
            {
                Id = 0,
                CreatedAt = DateTime.UtcNow,
                Name = row.Name,
                FilePath = path,
                FileSizeBytes = new FileInfo(path).Length,
                ExperimentId = row.ExperimentId,
                FinalFitness = row.FinalFitness,
                FinalAccuracy = row.FinalAccuracy,
                IterationsRun = row.IterationsRun,
                IsFinal = row.IsFinal,
                GenomeStatsJson = stats,
            });
        }

        CheckpointRecord checkpoint = await store.CreateCheckpointAsync(row, cancellationToken);
        return TypedResults.Created($"/api/checkpoints/{checkpoint.Id}", checkpoint);
    }

    /// <summary>Gets one checkpoint.</summary>
    public static async Task<Results<Ok<CheckpointRecord>, ProblemHttpResult>> GetCheckpoint(
        long id, IExperimentStore store, CancellationToken cancellationToken) =>
        await store.GetCheckpointAsync(id, cancellationToken) is CheckpointRecord checkpoint
            ? TypedResults.Ok(checkpoint)
            : Problems.NotFound($"checkpoint {id} does not exist");

    /// <summary>Deletes a checkpoint row and its file; refused (409) while flows reference it unless <c>?force=true</c>.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCheckpoint(
        long id, bool? force, IExperimentStore store, ServerOptions options, CancellationToken cancellationToken)
    {
        CheckpointRecord? checkpoint = await store.GetCheckpointAsync(id, cancellationToken);
        if (checkpoint is not null && OutsideRoot(checkpoint, options) is { } refused)
        {
            return refused;
        }

        return await store.DeleteCheckpointAsync(id, force ?? false, cancellationToken) switch
        {
            CheckpointDeleteResult.Deleted => TypedResults.NoContent(),
            CheckpointDeleteResult.Referenced => Problems.Conflict(
                $"checkpoint {id} is referenced by {checkpoint?.ReferenceCount} flow(s); pass force=true to delete it anyway"),
            _ => Problems.NotFound($"checkpoint {id} does not exist"),
        };
    }

    /// <summary>Streams the registered file of a checkpoint; nothing else is ever served.</summary>
    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadCheckpoint(
        long id, IExperimentStore store, ServerOptions options, CancellationToken cancellationToken)
    {
        // The path comes from the database row only (the URL carries a numeric id), so no request can name another file.
        CheckpointRecord? checkpoint = await store.GetCheckpointAsync(id, cancellationToken);
        if (checkpoint is null)
        {
            return Problems.NotFound($"checkpoint {id} does not exist");
        }

        if (!checkpoint.FilePath.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase) || !File.Exists(checkpoint.FilePath))
        {
            return Problems.NotFound($"the file of checkpoint {id} ('{checkpoint.FilePath}') is missing");
        }

        if (OutsideRoot(checkpoint, options) is { } refused)
        {
            return refused;
        }

        // Served from the real path that was checked, so a link swapped in afterwards is not followed.
        return TypedResults.PhysicalFile(RealPath.Resolve(checkpoint.FilePath), "application/gzip", Path.GetFileName(checkpoint.FilePath));
    }

    /// <summary>A 403 problem when the real path of the checkpoint's file (links resolved) leaves the checkpoint root.</summary>
    private static ProblemHttpResult? OutsideRoot(CheckpointRecord checkpoint, ServerOptions options)
    {
        string root = Path.GetFullPath(options.Worker.CheckpointRoot);
        if (RealPath.IsInside(root, checkpoint.FilePath))
        {
            return null;
        }

        return TypedResults.Problem(
            $"the file of checkpoint {checkpoint.Id} ('{checkpoint.FilePath}') resolves to '{RealPath.Resolve(checkpoint.FilePath)}', outside the checkpoint root '{root}'; refused (remove the link by hand)",
            statusCode: StatusCodes.Status403Forbidden, title: "Outside the checkpoint root");
    }
}
