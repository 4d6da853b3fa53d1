using System.CommandLine;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary><c>wnn status</c>: whether the server answers, its database, workers and flows by status.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show whether the experiments server is reachable, its workers and flow counts").WithClientOptions();
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            HealthResponse health = await client.GetHealthAsync(cancellationToken);
            IReadOnlyList<FlowRecord> flows = await client.ListFlowsAsync(null, cancellationToken);
            var counts = Enum.GetValues<FlowStatus>().ToDictionary(s => s.ToName(), s => flows.Count(f => f.Status == s));
            if (json)
            {
                ConsoleOutput.Json(new { url = client.BaseAddress, health, flows = counts });
                return;
            }

            ConsoleOutput.Fields(
            [
                ("server", $"{client.BaseAddress} ({health.Status})"),
                ("database", $"{health.Provider}, schema v{health.SchemaVersion}"),
                ("workers", $"{health.Workers} registered ({health.LocalWorkers} in the server)"),
                ("flows", string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}")) is { Length: > 0 } s ? s : "none"),
                ("last event", ConsoleOutput.Id(health.LastEventId)),
            ]);
        }));
        return command;
    }
}
