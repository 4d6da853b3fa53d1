using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary><c>wnn flow edit|rename|duplicate|restart [--from PHASE]</c>: change a flow through PATCH and restart (docs/flows.md).</summary>
internal static class FlowEditCommands
{
    public static Command Edit(Argument<long> id)
    {
        var from = new Option<string?>("--from") { Description = "Also run the flow again from this phase (the edit may then change what the phases before it did not use)" };
        var config = new FlowConfigCliOptions();
        var command = new Command("edit", "Change a flow's config keys (flags or key=value); a flow with completed phases keeps them only if the change leaves their results valid") { id, from };
        config.AddTo(command);
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            long flowId = parse.GetValue(id);
            FlowRecord flow = await client.GetFlowAsync(flowId, ct);
            CreateFlowRequest given = config.Request(parse, flow.Name, null);
            JsonElement merged = Merge(flow.ConfigJson, given.Config);
            FlowRecord result = parse.GetValue(from) is string phase
                ? await client.RestartFlowAsync(flowId, new RestartFlowRequest { From = phase, Config = merged }, ct)
                : await client.UpdateFlowAsync(flowId, new UpdateFlowRequest { Config = merged, Description = given.Description }, ct);
            Print(result, json);
        }));
        return command;
    }

    public static Command Rename(Argument<long> id)
    {
        var name = new Argument<string>("name") { Description = "New name" };
        var command = new Command("rename", "Rename a flow") { id, name };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            string newName = parse.GetValue(name)!.Trim();
            if (newName.Length == 0)
            {
                throw new CliException("rename: the new name is empty; give a name of 1–200 characters");
            }

            Print(await client.UpdateFlowAsync(parse.GetValue(id), new UpdateFlowRequest { Name = newName }, ct), json);
        }));
        return command;
    }

    public static Command Duplicate(Argument<long> id)
    {
        var name = new Option<string?>("--name") { Description = "Name of the copy (default: the name with \" (copy)\")" };
        var command = new Command("duplicate", "Create a new pending flow with the same config, description and seed checkpoint") { id, name };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            FlowRecord flow = await client.GetFlowAsync(parse.GetValue(id), ct);
            using JsonDocument config = JsonDocument.Parse(flow.ConfigJson ?? "{}");
            FlowRecord copy = await client.CreateFlowAsync(new CreateFlowRequest
            {
                Name = parse.GetValue(name) ?? $"{flow.Name} (copy)",
                Description = flow.Description,
                Config = config.RootElement.Clone(),
                SeedCheckpointId = flow.SeedCheckpointId,
            }, ct);
            Print(copy, json);
        }));
        return command;
    }

    public static Command Restart(Argument<long> id)
    {
        var from = new Option<string?>("--from") { Description = "Run again from this phase (1a, 1b, …): its results and the later ones are removed" };
        var command = new Command("restart", "Requeue a failed or cancelled flow (it resumes after its last completed phase), or with --from run it again from a phase") { id, from };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            long flowId = parse.GetValue(id);
            FlowRecord flow = parse.GetValue(from) is string phase
                ? await client.RestartFlowAsync(flowId, new RestartFlowRequest { From = phase }, ct)
                : await client.RestartFlowAsync(flowId, ct);
            Print(flow, json);
        }));
        return command;
    }

    /// <summary>The flow's config with the given keys replacing any earlier value of the same key (under any of its names).</summary>
    internal static JsonElement Merge(string? current, JsonElement? given)
    {
        JsonObject merged = JsonNode.Parse(string.IsNullOrWhiteSpace(current) ? "{}" : current) as JsonObject ?? [];
        if (given is { ValueKind: JsonValueKind.Object } g)
        {
            foreach (JsonProperty p in g.EnumerateObject())
            {
                ConfigKeyDefinition? key = ConfigSchema.Find(p.Name);
                foreach (string old in merged.Select(kv => kv.Key).Where(k => k == p.Name || (key is not null && ConfigSchema.Find(k) == key)).ToList())
                {
                    merged.Remove(old);
                }

                merged[p.Name] = JsonNode.Parse(p.Value.GetRawText());
            }
        }

        return JsonSerializer.SerializeToElement(merged);
    }

    private static void Print(FlowRecord flow, bool json)
    {
        if (json)
        {
            ConsoleOutput.Json(flow);
        }
        else
        {
            ConsoleOutput.Flows([flow]);
        }
    }
}
