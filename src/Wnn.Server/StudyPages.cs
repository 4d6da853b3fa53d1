using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wnn.Reports;
using Wnn.Search;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>The answers shared by the sweep and study endpoints: a page of trials, and the report.</summary>
internal static class StudyPages
{
    /// <summary>States a <c>?state=</c> filter accepts.</summary>
    private static readonly string[] StateNames = [.. Enum.GetValues<TrialState>().Select(StudyWire.State)];

    /// <summary>
    /// Trials in number order after number <c>?after=</c> (default: from the first), at most <c>?limit=</c> (default and
    /// largest 500), optionally only those in <c>?state=</c>; <c>X-Next-Cursor</c> is the <c>after</c> of the next page.
    /// Only the page is read from the storage. With an ETag.
    /// </summary>
    public static IResult Trials(HttpContext context, Study study, int? after, int? limit, string? state)
    {
        int take = limit ?? ListPage.MaxLimit;
        if (take is < 1 or > ListPage.MaxLimit)
        {
            return Problems.Invalid("limit", $"{take} is not allowed; use 1 to {ListPage.MaxLimit} and follow the next cursor (?after=)");
        }

        if (state is not null && !StateNames.Contains(state))
        {
            return Problems.Invalid("state", $"'{state}' is not a trial state; use one of {string.Join(", ", StateNames)}");
        }

        TrialState? only = state is null ? null : Enum.GetValues<TrialState>().Single(s => StudyWire.State(s) == state);
        List<FrozenTrial> rows = [.. ((SqlStudyStorage)study.Storage).GetTrialsPage(study.Id, after, take + 1, only)];
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            string next = rows[^1].Number.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Next-Cursor"] = next;
            string filter = state is null ? "" : $"&state={state}";
            context.Response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}?after={next}&limit={take}{filter}>; rel=\"next\"";
        }

        return ListPage.Cached(context, JsonSerializer.SerializeToUtf8Bytes(rows.Select(StudyWire.Trial).ToList(), StoreJson.Options));
    }

    /// <summary>One trial by number, reading only its row, or null.</summary>
    public static FrozenTrial? Trial(Study study, int number) =>
        ((SqlStudyStorage)study.Storage).GetTrialsPage(study.Id, number - 1, 1).FirstOrDefault(t => t.Number == number);

    /// <summary>The report of a sweep, recomputed only when its trials changed; throws <see cref="StudySourceException"/>.</summary>
    public static CachedReport SweepReport(StudySources sources, SweepFile sweep)
    {
        Study study = sources.OpenSweep(sweep);
        return sources.Report(SweepKey(sweep), sources.SweepMarker(sweep), () => Build(StudyWire.Sweep(sweep, study, StudySources.Counts(study), null), study, StudySources.SweepReportOptions(sweep)));
    }

    /// <summary>The report of a study of the server's study storage, or null when there is no such study.</summary>
    public static CachedReport? StudyReport(StudySources sources, SqlStudyStorage storage, long id) =>
        StudySources.LoadStudy(storage, id) is { } study
            ? sources.Report(StudyKey(id), storage.GetChangeMarker(id), () => Build(StudyWire.Study(id, study, StudySources.Counts(study)), study, new ReportOptions()))
            : null;

    /// <summary>The report cache key of a sweep.</summary>
    public static string SweepKey(SweepFile sweep) => "sweep:" + sweep.Directory;

    /// <summary>The report cache key of a study.</summary>
    public static string StudyKey(long id) => "study:" + id.ToString(CultureInfo.InvariantCulture);

    private static CachedReport Build(StudyRecord record, Study study, ReportOptions options)
    {
        StudyReport report = StudyReportBuilder.Build(study, options);
        return new CachedReport(JsonSerializer.SerializeToUtf8Bytes(StudyWire.Report(record, report, study.Trials), StoreJson.Options), report);
    }

    /// <summary>A list of studies or sweeps, newest first, paged by position (<c>?cursor=</c> is the count already sent).</summary>
    public static IResult List(HttpContext context, IReadOnlyList<StudyRecord> all, int take, long? cursor)
    {
        int skip = (int)Math.Min(cursor ?? 0, int.MaxValue);
        List<StudyRecord> rows = [.. all.Skip(skip).Take(take + 1)];
        var positions = new Dictionary<object, long>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < rows.Count; i++)
        {
            positions[rows[i]] = skip + i + 1L;
        }

        return ListPage.Write(context, rows, take, r => positions[r]);
    }
}
