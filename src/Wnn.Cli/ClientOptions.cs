using System.CommandLine;
using Wnn.Client;

namespace Wnn.Cli;

/// <summary>Options shared by the commands that talk to a server: <c>--url</c>, <c>--api-token</c>, <c>--json</c>.</summary>
internal static class ClientOptions
{
    public static readonly Option<string?> Url = new("--url")
    {
        Description = $"Server URL (default: $WNN_URL, else {WnnClient.DefaultUrl})",
        Recursive = true,
    };

    public static readonly Option<string?> ApiToken = new("--api-token")
    {
        Description = "Bearer token for mutating requests (default: $WNN_API_TOKEN)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON instead of tables",
        Recursive = true,
    };

    /// <summary>Adds the shared options to a command group.</summary>
    public static T WithClientOptions<T>(this T command)
        where T : Command
    {
        command.Add(Url);
        command.Add(ApiToken);
        command.Add(Json);
        return command;
    }

    /// <summary>Runs <paramref name="action"/> with a client for the chosen server; API and connection errors become one-line CLI errors.</summary>
    public static async Task RunAsync(ParseResult parse, Func<WnnClient, bool, Task> action)
    {
        string url = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable("WNN_URL") ?? WnnClient.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--url '{url}' is not an http(s) URL");
        }

        string? token = parse.GetValue(ApiToken) ?? Environment.GetEnvironmentVariable("WNN_API_TOKEN");
        using WnnClient client = WnnClient.Create(uri, token);
        try
        {
            await action(client, parse.GetValue(Json));
        }
        catch (WnnApiException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the server at {uri} ({ex.Message}); start it with `wnn serve` or pass --url");
        }
    }
}
