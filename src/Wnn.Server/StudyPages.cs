using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wnn.Reports;
using Wnn.Search;

namespace Wnn.Server;

/// <summary>The answers shared by the sweep and study endpoints: a page of trials, and the report.</summary>
internal static class StudyPages
{
    /// <summary>States a <c>?state=</c> filter accepts.</summary>
    private static readonly string[] StateNames = [.. Enum.GetValues<TrialState>().Select(StudyWire.State)];

    /// <summary>
    /// Trials in number order after number <c>?after=</c> (default: from the first), at most <c>?limit=</c> (default and
    /// largest 500), optionally only those in <c>?state=</c>; <c>X-Next-Cursor</c> is the <c>after</c> of the next page. With an ETag.
    /// </summary>
    public static IResult Trials(HttpContext context, IReadOnlyList<FrozenTrial> trials, int? after, int? limit, string? state)
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

        List<FrozenTrial> rows = [.. trials.Where(t => (after is null || t.Number > after) && (state is null || StudyWire.State(t.State) == state)).Take(take + 1)];
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

    /// <summary>The report of a study, recomputed only when its trials changed. With an ETag.</summary>
    public static IResult Report(HttpContext context, StudySources sources, string key, string marker, StudyRecord record, Study study, ReportOptions options)
    {
        StudyReportRecord report = sources.Report(key, marker, () =>
        {
            IReadOnlyList<FrozenTrial> trials = study.Trials;
            return StudyWire.Report(record, StudyReportBuilder.Build(study, options), trials);
        });
        return ListPage.Cached(context, JsonSerializer.SerializeToUtf8Bytes(report with { Study = record }, StoreJson.Options));
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
