using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Wnn.Server;

/// <summary>
/// When the server has an API token, requires <c>Authorization: Bearer &lt;token&gt;</c> on every <c>/api</c> request and the
/// <c>/ws</c> socket (which may pass it as <c>?access_token=</c>, since browsers cannot set headers on a WebSocket);
/// with <see cref="ServerOptions.PublicRead"/>, reads (GET, HEAD, OPTIONS) stay open. The dashboard's static files
/// carry no data and are always served.
/// </summary>
internal sealed class ApiTokenMiddleware(RequestDelegate next, ServerOptions options)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(options.ApiToken ?? "");

    public async Task InvokeAsync(HttpContext context)
    {
        PathString path = context.Request.Path;
        bool socket = path.StartsWithSegments("/ws");
        bool guarded = path.StartsWithSegments("/api") || socket;
        bool read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method);
        if (_token.Length == 0 || !guarded || (read && options.PublicRead) || Presented(context, socket))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            read
                ? "this server requires 'Authorization: Bearer <token>' (its --api-token) on every request; start it with --public-read to leave reads open"
                : "this server requires 'Authorization: Bearer <token>' (its --api-token) on mutating requests",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context);
    }

    private bool Presented(HttpContext context, bool socket)
    {
        string header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        string? given = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim()
            : socket ? context.Request.Query["access_token"].ToString() : null;
        return given is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);
    }
}
