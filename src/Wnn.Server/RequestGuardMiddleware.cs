using System.Net;
using Microsoft.AspNetCore.Http;

namespace Wnn.Server;

/// <summary>
/// Browser-facing guards: on a loopback-bound server the Host header must name a loopback host (defeats DNS
/// rebinding), and mutating requests and WebSocket upgrades that carry an <c>Origin</c> must come from this
/// same host (defeats cross-site requests from other pages open in the user's browser).
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, ServerOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (options.IsLoopback && !IsLoopbackHost(request.Host.Host))
        {
            await Reject(context, StatusCodes.Status421MisdirectedRequest, "Misdirected request",
                $"this server is bound to {options.Host} and only answers requests addressed to localhost, 127.0.0.1 or [::1] (got Host '{request.Host}')");
            return;
        }

        // A NUL or other control character in the (decoded) path or query is never valid; file and route lookups would throw on it.
        if ((request.Path.Value is { } path && path.Any(char.IsControl))
            || (request.QueryString.Value is { } query && Uri.UnescapeDataString(query).Any(char.IsControl)))
        {
            await Reject(context, StatusCodes.Status400BadRequest, "Bad request",
                "the request path or query contains a control character (such as NUL); use printable characters only");
            return;
        }

        bool mutating = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        bool upgrade = request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
        if ((mutating || upgrade) && request.Headers.Origin is { Count: > 0 } origin
            && !(Uri.TryCreate(origin.ToString(), UriKind.Absolute, out Uri? originUri)
                && string.Equals(originUri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            await Reject(context, StatusCodes.Status403Forbidden, "Cross-origin request refused",
                $"requests from origin '{origin}' may not change data or open the event stream of {request.Host}");
            return;
        }

        await next(context);
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));

    private static Task Reject(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
