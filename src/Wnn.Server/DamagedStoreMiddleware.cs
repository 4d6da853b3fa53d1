using Microsoft.AspNetCore.Http;

namespace Wnn.Server;

/// <summary>Refuses changes (503, problem details naming the damaged tables) while the last integrity check failed.</summary>
internal sealed class DamagedStoreMiddleware(RequestDelegate next, StoreHealth health)
{
    public async Task InvokeAsync(HttpContext context)
    {
        bool read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method);
        if (read || health.Current.IsSound || !context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        await Results.Problem($"changes are refused: {health.Describe()}", statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Database damaged").ExecuteAsync(context);
    }
}
