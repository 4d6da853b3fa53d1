using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Wnn.Server;

/// <summary>Requires <c>Authorization: Bearer &lt;token&gt;</c> on mutating requests when the server has an API token.</summary>
internal sealed class ApiTokenMiddleware(RequestDelegate next, ServerOptions options)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(options.ApiToken ?? "");

    public async Task InvokeAsync(HttpContext context)
    {
        if (_token.Length == 0 || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        string header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        bool ok = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), _token);
        if (ok)
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem("this server requires 'Authorization: Bearer <token>' (its --api-token) on mutating requests",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context);
    }
}
