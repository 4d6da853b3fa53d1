using System.CommandLine;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary><c>wnn flow list|show|logs|create|delete|queue|stop|restart|edit|rename|duplicate</c> over the server's REST API.</summary>
internal static class FlowCommands
{
    private static readonly Argument<long> IdArgument = new("id") { Description = "Flow id" };

    public static Command Create()
    {
        var flow = new Command("flow", "Manage flows (sequences of GA/TS experiments) on the experiments server").WithClientOptions();
        flow.Add(List());
        flow.Add(Show());
        flow.Add(FlowLogCommand.Create(IdArgument));
        flow.Add(CreateFlow());
        flow.Add(Simple("delete", "Delete a flow that is not running", async (c, id, ct) => { await c.DeleteFlowAsync(id, ct); return null; }));
        flow.Add(Simple("queue", "Queue a flow for the workers", async (c, id, ct) => await c.QueueFlowAsync(id, ct)));
        flow.Add(Simple("stop", "Stop a flow (a running one stops after writing a checkpoint)", async (c, id, ct) => await c.StopFlowAsync(id, ct)));
        flow.Add(FlowEditCommands.Restart(IdArgument));
        flow.Add(FlowEditCommands.Edit(IdArgument));
        flow.Add(FlowEditCommands.Rename(IdArgument));
        flow.Add(FlowEditCommands.Duplicate(IdArgument));
        return flow;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only flows with this status (pending, queued, running, completed, failed, cancelled)" };
        var command = new Command("list", "List flows, newest first") { status };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            FlowStatus? filter = null;
            if (parse.GetValue(status) is string s)
            {
                filter = StatusNames.TryParseFlowStatus(s, out FlowStatus parsed)
                    ? parsed
                    : throw new CliException($"--status '{s}' is not a flow status; use pending, queued, running, completed, failed or cancelled");
            }

            IReadOnlyList<FlowRecord> flows = await client.ListFlowsAsync(filter, ct);
            if (json)
            {
                ConsoleOutput.Json(flows);
            }
            else
            {
                ConsoleOutput.Flows(flows);
            }
        }));
        return command;
    }

    private static Command Show()
    {
        var csv = new Option<bool>("--csv") { Description = "Print the iterations of every phase as CSV (training-part values; CE in nats)" };
        var command = new Command("show", "Show a flow and its experiments") { IdArgument, csv };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            long id = parse.GetValue(IdArgument);
            FlowRecord flow = await client.GetFlowAsync(id, ct);
            IReadOnlyList<ExperimentRecord> experiments = await client.ListFlowExperimentsAsync(id, ct);
            if (parse.GetValue(csv))
            {
                var rows = new List<(ExperimentRecord, IReadOnlyList<IterationRecord>)>();
                foreach (ExperimentRecord e in experiments)
                {
                    rows.Add((e, await client.ListIterationsAsync(e.Id, ct)));
                }

                CsvOutput.Iterations(rows);
                return;
            }

            if (json)
            {
                ConsoleOutput.Json(new { flow, experiments });
                return;
            }

            ConsoleOutput.Fields(
            [
                ("id", ConsoleOutput.Id(flow.Id)), ("name", flow.Name), ("status", flow.Status.ToName()), ("description", flow.Description ?? ""),
                ("created", ConsoleOutput.Time(flow.CreatedAt)), ("started", ConsoleOutput.Time(flow.StartedAt)),
                ("completed", ConsoleOutput.Time(flow.CompletedAt)), ("worker", flow.WorkerId ?? ""), ("seed checkpoint", ConsoleOutput.Opt(flow.SeedCheckpointId)),
                ("error", flow.Error ?? ""), ("config", flow.ConfigJson),
            ]);
            ConsoleOutput.Experiments(experiments);
        }));
        return command;
    }

    private static Command CreateFlow()
    {
        var name = new Option<string>("--name") { Description = "Flow name", Required = true };
        var seed = new Option<long?>("--seed-checkpoint") { Description = "Checkpoint id to start from" };
        var queue = new Option<bool>("--queue") { Description = "Queue the flow right away" };
        var config = new FlowConfigCliOptions();
        var command = new Command("create", "Create a flow from a template") { name, seed, queue };
        config.AddTo(command);
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            FlowRecord flow = await client.CreateFlowAsync(config.Request(parse, parse.GetValue(name)!, parse.GetValue(seed)), ct);
            if (parse.GetValue(queue))
            {
                flow = await client.QueueFlowAsync(flow.Id, ct);
            }

            Print(flow, json);
        }));
        return command;
    }

    private static Command Simple(string verb, string description, Func<WnnClient, long, CancellationToken, Task<FlowRecord?>> call)
    {
        var command = new Command(verb, description) { IdArgument };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            long id = parse.GetValue(IdArgument);
            FlowRecord? flow = await call(client, id, ct);
            if (flow is null)
            {
                if (json)
                {
                    ConsoleOutput.Json(new { id, deleted = true });
                }
                else
                {
                    Console.WriteLine($"flow {id} deleted");
                }

                return;
            }

            Print(flow, json);
        }));
        return command;
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
