using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// Turns store state conflicts into 409, unreadable or oversized bodies into their 4xx, and database errors into 503
/// naming the damaged tables (after an integrity check), as problem details.
/// </summary>
internal sealed class StoreExceptionHandler(IProblemDetailsService problems, StoreHealth health) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string title)? mapped = exception switch
        {
            StoreConflictException => (StatusCodes.Status409Conflict, "Conflict"),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request"),
            System.Data.Common.DbException => (StatusCodes.Status503ServiceUnavailable, "Storage error"),
            _ => null,
        };
        if (mapped is not (int status, string title))
        {
            return false;
        }

        string detail = exception.Message;
        if (exception is System.Data.Common.DbException)
        {
            StoreIntegrity integrity = await health.CheckAsync(force: false, CancellationToken.None);
            detail = integrity.IsSound
                ? $"the database answered with an error: {exception.Message}"
                : $"{health.Describe()} (this request failed with: {exception.Message})";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
