using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wnn.Search;

namespace Wnn.Server.Apis;

/// <summary>
/// <c>/api/sweeps</c>: the sweep directories under the server's sweeps root (<c>--sweeps</c>), one sweep, its trials,
/// its report and a trial's log tail. Read-only; a sweep whose storage cannot be read is listed with its error.
/// </summary>
public static class SweepsApi
{
    private const int LogTailBytes = 64 * 1024;

    /// <summary>Maps the sweep endpoints.</summary>
    public static RouteGroupBuilder MapSweepsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/sweeps").WithTags("Sweeps");
        group.MapGet("/", ListSweeps);
        group.MapGet("/{id}", GetSweep);
        group.MapGet("/{id}/trials", ListTrials);
        group.MapGet("/{id}/report", GetReport);
        group.MapGet("/{id}/figures", GetFigures);
        group.MapGet("/{id}/trials/{number:int}/log", GetLog);
        return group;
    }

    /// <summary>Lists sweeps newest first with state counts, best value and progress; paged (<c>?limit=</c>, <c>?cursor=</c>), with an ETag.</summary>
    public static IResult ListSweeps(int? limit, long? cursor, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ListPage.TryRead(limit, cursor, out int take, out _) is { } invalid)
        {
            return invalid;
        }

        StudySources sources = StudySources.Of(context);
        List<StudyRecord> all = [.. sources.ListSweeps().Select(s => Describe(sources, s))];
        return StudyPages.List(context, all, take, cursor);
    }

    /// <summary>One sweep.</summary>
    public static IResult GetSweep(string id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StudySources sources = StudySources.Of(context);
        return sources.FindSweep(id) is { } sweep ? TypedResults.Ok(Describe(sources, sweep)) : NotFound(id);
    }

    /// <summary>A sweep's trials in number order (<c>?after=</c>, <c>?limit=</c>, <c>?state=</c>), with an ETag.</summary>
    public static IResult ListTrials(string id, int? after, int? limit, string? state, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StudySources sources = StudySources.Of(context);
        if (sources.FindSweep(id) is not { } sweep)
        {
            return NotFound(id);
        }

        try
        {
            return StudyPages.Trials(context, sources.OpenSweep(sweep), after, limit, state);
        }
        catch (StudySourceException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    /// <summary>A sweep's report: best trial, importance, history with the best so far, failures by reason. With an ETag.</summary>
    public static IResult GetReport(string id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StudySources sources = StudySources.Of(context);
        if (sources.FindSweep(id) is not { } sweep)
        {
            return NotFound(id);
        }

        try
        {
            return ListPage.Cached(context, StudyPages.SweepReport(sources, sweep).Json);
        }
        catch (StudySourceException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    /// <summary>A sweep's figures (the <c>wnn report</c> SVGs: history, slices, parallel coordinates, contour, Pareto, …). With an ETag.</summary>
    public static IResult GetFigures(string id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StudySources sources = StudySources.Of(context);
        if (sources.FindSweep(id) is not { } sweep)
        {
            return NotFound(id);
        }

        try
        {
            return ListPage.Cached(context, StudyPages.SweepReport(sources, sweep).Figures);
        }
        catch (StudySourceException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    /// <summary>The last 64 KiB of a trial's run.log (text/plain), when its run directory is inside the sweep directory.</summary>
    public static IResult GetLog(string id, int number, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StudySources sources = StudySources.Of(context);
        if (sources.FindSweep(id) is not { } sweep)
        {
            return NotFound(id);
        }

        FrozenTrial? trial;
        try
        {
            trial = StudyPages.Trial(sources.OpenSweep(sweep), number);
        }
        catch (StudySourceException ex)
        {
            return Problems.NotFound(ex.Message);
        }

        if (trial is null)
        {
            return Problems.NotFound($"sweep {id} has no trial {number}");
        }

        string? runDir = StudyWire.Trial(trial).RunDir;
        string root = Path.GetFullPath(sweep.Directory) + Path.DirectorySeparatorChar;
        string? log = runDir is null ? null : Path.GetFullPath(Path.Combine(runDir, "run.log"));
        if (log is null || !log.StartsWith(root, StringComparison.Ordinal) || !File.Exists(log))
        {
            return Problems.NotFound($"trial {number} of sweep {id} has no run.log in its sweep directory");
        }

        using FileStream stream = File.OpenRead(log);
        long start = Math.Max(0, stream.Length - LogTailBytes);
        stream.Position = start;
        byte[] tail = new byte[stream.Length - start];
        stream.ReadExactly(tail);
        return Results.Bytes(tail, "text/plain; charset=utf-8");
    }

    private static StudyRecord Describe(StudySources sources, SweepFile sweep)
    {
        try
        {
            Study study = sources.OpenSweep(sweep);
            return StudyWire.Sweep(sweep, study, StudySources.Counts(study), null);
        }
        catch (StudySourceException ex)
        {
            return StudyWire.Sweep(sweep, null, null, ex.Message);
        }
    }

    private static IResult NotFound(string id) => Problems.NotFound($"no sweep '{id}' under the server's sweeps directory");
}
