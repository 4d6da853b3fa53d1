using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Wnn.Server;

/// <summary>
/// Serves the built web dashboard (<c>dashboard/dist</c>) at <c>/</c>: its files, and <c>index.html</c> for any other
/// GET outside <c>/api</c> and <c>/ws</c> so that client-side routes such as <c>/flows/3</c> survive a reload.
/// </summary>
public static class DashboardFiles
{
    /// <summary>Environment variable naming the dashboard directory when <see cref="ServerOptions.DashboardDirectory"/> is not set.</summary>
    public const string EnvironmentVariable = "WNN_DASHBOARD_DIR";

    /// <summary>
    /// The directory to serve: the configured one, else <c>WNN_DASHBOARD_DIR</c>, else the first <c>dashboard/dist</c>
    /// holding an <c>index.html</c> found walking up from the current directory or from the application's directory.
    /// Null when none is found (the server then explains at <c>/</c> how to build it).
    /// </summary>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "dashboard", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Adds the dashboard's static files and the client-side-route fallback to <paramref name="app"/>.</summary>
    public static WebApplication UseDashboard(this WebApplication app, string? directory)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (directory is null || !File.Exists(Path.Combine(directory, "index.html")))
        {
            string where = directory ?? "dashboard/dist";
            app.MapFallback(context => IsReserved(context.Request.Path) ? NotFound(context) : Results.Content(
                $"<!doctype html><title>wnn</title><p>The web dashboard is not built ({where}/index.html is missing). " +
                "Run <code>scripts/build-dashboard.sh</code> (or <code>npm ci &amp;&amp; npm run build</code> in <code>dashboard/</code>), " +
                "or pass <code>--dashboard-dir</code>. The API is at <a href=\"/api/health\">/api/health</a>.</p>",
                "text/html; charset=utf-8").ExecuteAsync(context));
            return app;
        }

        var files = new PhysicalFileProvider(directory);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                // Vite fingerprints everything under assets/, so those never change; index.html must always be revalidated.
                context.Context.Response.Headers[HeaderNames.CacheControl] =
                    context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        IFileInfo index = files.GetFileInfo("index.html");
        app.MapFallback(context =>
        {
            if (IsReserved(context.Request.Path) || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                return NotFound(context);
            }

            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.SendFileAsync(index, context.RequestAborted);
        });
        return app;
    }

    // The fallback must never answer for the API or the socket: unknown API routes stay 404 problem details.
    private static bool IsReserved(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/ws");

    private static Task NotFound(HttpContext context) =>
        Results.Problem($"no route for {context.Request.Method} {context.Request.Path}", statusCode: StatusCodes.Status404NotFound, title: "Not Found")
            .ExecuteAsync(context);
}
