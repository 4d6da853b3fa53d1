using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// Paging and caching of list endpoints: <c>?limit=</c> (default 100, at most 500) and <c>?cursor=</c> (the id
/// after which the next page starts, from the previous page's <c>Link: rel="next"</c> / <c>X-Next-Cursor</c>); the body
/// stays a JSON array. Every list answer has a strong ETag of its bytes, and <c>If-None-Match</c> gets 304.
/// </summary>
internal static class ListPage
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>Reads limit and cursor; an error result when either is invalid.</summary>
    public static IResult? TryRead(int? limit, long? cursor, out int take, out long? before)
    {
        take = limit ?? DefaultLimit;
        before = cursor;
        if (take is < 1 or > MaxLimit)
        {
            return Problems.Invalid("limit", $"{take} is not allowed; use 1 to {MaxLimit} (default {DefaultLimit}) and follow the next cursor");
        }

        if (cursor is <= 0)
        {
            return Problems.Invalid("cursor", $"{cursor} is not a cursor; pass the X-Next-Cursor of the previous page");
        }

        return null;
    }

    /// <summary>
    /// Answers one page: <paramref name="rows"/> holds up to <paramref name="take"/> + 1 rows (the extra one says a next
    /// page exists; it is not sent).
    /// </summary>
    public static IResult Write<T>(HttpContext context, IReadOnlyList<T> rows, int take, Func<T, long> id) =>
        Send(context, Render(context, rows, take, id));

    /// <summary>Renders one page (see <see cref="Write"/>) without answering, so it can be kept.</summary>
    public static ListBody Render<T>(HttpContext context, IReadOnlyList<T> rows, int take, Func<T, long> id)
    {
        bool more = rows.Count > take;
        IReadOnlyList<T> page = more ? rows.Take(take).ToList() : rows;
        string? next = null, link = null;
        if (more)
        {
            next = id(page[^1]).ToString(CultureInfo.InvariantCulture);
            var query = QueryString.Create(context.Request.Query
                .Where(q => q.Key is not ("cursor" or "limit"))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new("limit", take.ToString(CultureInfo.InvariantCulture)))
                .Append(new("cursor", next)));
            link = $"<{context.Request.PathBase}{context.Request.Path}{query}>; rel=\"next\"";
        }

        return Body(JsonSerializer.SerializeToUtf8Bytes(page, StoreJson.Options), next, link);
    }

    /// <summary>A rendered answer of <paramref name="json"/> with its strong ETag.</summary>
    public static ListBody Body(byte[] json, string? next = null, string? link = null) =>
        new(json, "\"" + Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 12)) + "\"", next, link);

    /// <summary>A JSON body with a strong ETag of its bytes; 304 without a body when the client has it.</summary>
    public static IResult Cached(HttpContext context, byte[] json) => Send(context, Body(json));

    /// <summary>Answers a rendered list: its paging headers and ETag, and 304 without a body when the client has it.</summary>
    public static IResult Send(HttpContext context, ListBody body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        if (body.NextCursor is not null)
        {
            context.Response.Headers["X-Next-Cursor"] = body.NextCursor;
            context.Response.Headers.Link = body.Link;
        }

        context.Response.Headers.ETag = body.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        foreach (string? candidate in context.Request.Headers.IfNoneMatch)
        {
            if (candidate is not null && candidate.Split(',').Any(c => c.Trim() == body.ETag || c.Trim() == "*"))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        return Results.Bytes(body.Json, "application/json");
    }
}
