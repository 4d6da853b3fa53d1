using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wnn.Storage;

namespace Wnn.Server.Apis;

/// <summary><c>/api/studies</c>: the studies of the server's study storage (<c>--study-storage</c>), one study, its trials and its report. Read-only.</summary>
public static class StudiesApi
{
    /// <summary>Maps the study endpoints.</summary>
    public static RouteGroupBuilder MapStudiesApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/studies").WithTags("Studies");
        group.MapGet("/", ListStudies);
        group.MapGet("/{id:long}", GetStudy);
        group.MapGet("/{id:long}/trials", ListTrials);
        group.MapGet("/{id:long}/report", GetReport);
        group.MapGet("/{id:long}/figures", GetFigures);
        return group;
    }

    /// <summary>Lists studies newest first with state counts and best value; paged (<c>?limit=</c>, <c>?cursor=</c>), with an ETag.</summary>
    public static IResult ListStudies(int? limit, long? cursor, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ListPage.TryRead(limit, cursor, out int take, out _) is { } invalid)
        {
            return invalid;
        }

        SqlStudyStorage? storage = StudySources.Of(context).StudyStorage();
        List<StudyRecord> all = storage is null ? [] : [.. storage.ListStudies().OrderByDescending(s => s.Id).Select(s => Describe(storage, s.Id)!)];
        return StudyPages.List(context, all, take, cursor);
    }

    /// <summary>One study.</summary>
    public static IResult GetStudy(long id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StudySources.Of(context).StudyStorage() is { } storage && Describe(storage, id) is { } record ? TypedResults.Ok(record) : NotFound(id);
    }

    /// <summary>A study's trials in number order (<c>?after=</c>, <c>?limit=</c>, <c>?state=</c>), with an ETag.</summary>
    public static IResult ListTrials(long id, int? after, int? limit, string? state, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StudySources.Of(context).StudyStorage() is { } storage && StudySources.LoadStudy(storage, id) is { } study
            ? StudyPages.Trials(context, study, after, limit, state)
            : NotFound(id);
    }

    /// <summary>A study's report: best trial, importance, history with the best so far, failures by reason. With an ETag.</summary>
    public static IResult GetReport(long id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StudySources sources = StudySources.Of(context);
        return sources.StudyStorage() is { } storage && StudyPages.StudyReport(sources, storage, id) is { } report ? ListPage.Cached(context, report.Json) : NotFound(id);
    }

    /// <summary>A study's figures (the <c>wnn report</c> SVGs: history, slices, parallel coordinates, contour, Pareto, …). With an ETag.</summary>
    public static IResult GetFigures(long id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StudySources sources = StudySources.Of(context);
        return sources.StudyStorage() is { } storage && StudyPages.StudyReport(sources, storage, id) is { } report ? ListPage.Cached(context, report.Figures) : NotFound(id);
    }

    private static StudyRecord? Describe(SqlStudyStorage storage, long id) =>
        StudySources.LoadStudy(storage, id) is { } study ? StudyWire.Study(id, study, StudySources.Counts(study)) : null;

    private static IResult NotFound(long id) => Problems.NotFound($"no study {id} in the server's study storage");
}
