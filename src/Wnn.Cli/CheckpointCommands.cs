using System.CommandLine;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary><c>wnn checkpoint list|show|seed|delete|import</c> over the server's REST API.</summary>
internal static class CheckpointCommands
{
    private static readonly Argument<long> IdArgument = new("id") { Description = "Checkpoint id" };

    public static Command Create()
    {
        var checkpoint = new Command("checkpoint", "Manage registered genome checkpoints (.json.gz)").WithClientOptions();
        checkpoint.Add(List());
        checkpoint.Add(Show());
        checkpoint.Add(Seed());
        checkpoint.Add(Delete());
        checkpoint.Add(Import());
        return checkpoint;
    }

    private static Command List()
    {
        var finalOnly = new Option<bool>("--final-only") { Description = "Only final checkpoints" };
        var command = new Command("list", "List checkpoints, newest first") { finalOnly };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            IReadOnlyList<CheckpointRecord> checkpoints = await client.ListCheckpointsAsync(parse.GetValue(finalOnly), ct);
            if (json)
            {
                ConsoleOutput.Json(checkpoints);
            }
            else
            {
                ConsoleOutput.Checkpoints(checkpoints);
            }
        }));
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show a checkpoint") { IdArgument };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            CheckpointRecord c = await client.GetCheckpointAsync(parse.GetValue(IdArgument), ct);
            if (json)
            {
                ConsoleOutput.Json(c);
                return;
            }

            ConsoleOutput.Fields(
            [
                ("id", ConsoleOutput.Id(c.Id)), ("name", c.Name), ("file", c.FilePath), ("size", ConsoleOutput.Size(c.FileSizeBytes)),
                ("experiment", ConsoleOutput.Opt(c.ExperimentId)), ("ce", ConsoleOutput.Num(c.FinalFitness)), ("accuracy", ConsoleOutput.Pct(c.FinalAccuracy)),
                ("iterations", ConsoleOutput.Opt(c.IterationsRun)), ("final", c.IsFinal ? "yes" : "no"), ("references", ConsoleOutput.Id(c.ReferenceCount)),
                ("genome stats", c.GenomeStatsJson ?? ""), ("created", ConsoleOutput.Time(c.CreatedAt)),
            ]);
        }));
        return command;
    }

    private static Command Seed()
    {
        var flowName = new Option<string>("--flow-name") { Description = "Name of the new flow", Required = true };
        var queue = new Option<bool>("--queue") { Description = "Queue the flow right away" };
        var config = new FlowConfigCliOptions();
        var command = new Command("seed", "Create a flow that starts from this checkpoint") { IdArgument, flowName, queue };
        config.AddTo(command);
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            FlowRecord flow = await client.CreateFlowAsync(config.Request(parse, parse.GetValue(flowName)!, parse.GetValue(IdArgument)), ct);
            if (parse.GetValue(queue))
            {
                flow = await client.QueueFlowAsync(flow.Id, ct);
            }

            if (json)
            {
                ConsoleOutput.Json(flow);
            }
            else
            {
                ConsoleOutput.Flows([flow]);
            }
        }));
        return command;
    }

    private static Command Delete()
    {
        var force = new Option<bool>("--force") { Description = "Delete even if flows were seeded from it" };
        var command = new Command("delete", "Delete a checkpoint and its file (refused while referenced unless --force)") { IdArgument, force };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            long id = parse.GetValue(IdArgument);
            try
            {
                await client.DeleteCheckpointAsync(id, parse.GetValue(force), ct);
            }
            catch (WnnApiException ex) when (ex.Status == System.Net.HttpStatusCode.Conflict)
            {
                throw new CliException($"checkpoint {id} was not deleted: flows were seeded from it; add --force to delete it and its file anyway");
            }

            if (json)
            {
                ConsoleOutput.Json(new { id, deleted = true });
            }
            else
            {
                Console.WriteLine($"checkpoint {id} and its file deleted");
            }
        }));
        return command;
    }

    private static Command Import()
    {
        var directory = new Argument<string>("dir") { Description = "Directory searched recursively for .json.gz checkpoint files (must be inside the server's checkpoint root)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be registered" };
        var command = new Command("import", "Register existing checkpoint files with the server") { directory, dryRun };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            IReadOnlyList<ImportCandidate> plan;
            try
            {
                plan = await CheckpointImporter.PlanAsync(client, parse.GetValue(directory)!, ct);
            }
            catch (DirectoryNotFoundException ex)
            {
                throw new CliException(ex.Message);
            }

            IReadOnlyList<CheckpointRecord> created = parse.GetValue(dryRun) ? [] : await CheckpointImporter.ImportAsync(client, plan, ct);
            if (json)
            {
                ConsoleOutput.Json(new { dry_run = parse.GetValue(dryRun), candidates = plan, registered = created });
                return;
            }

            ConsoleOutput.Table(["file", "size", "ce", "acc", "iters", "final", "action"], plan.Select(c => new[]
            {
                c.FilePath, ConsoleOutput.Size(c.SizeBytes), ConsoleOutput.Num(c.FinalFitness), ConsoleOutput.Pct(c.FinalAccuracy),
                ConsoleOutput.Opt(c.IterationsRun), c.IsFinal ? "yes" : "",
                c.AlreadyRegistered ? "already registered" : c.Refusal is not null ? "refused" : parse.GetValue(dryRun) ? "would register" : "registered",
            }));
            Console.WriteLine(parse.GetValue(dryRun)
                ? $"dry run: {plan.Count(c => !c.AlreadyRegistered && c.Refusal is null)} of {plan.Count} file(s) would be registered"
                : $"registered {created.Count} of {plan.Count} file(s)");
            if (plan.FirstOrDefault(c => c.Refusal is not null) is { } refused)
            {
                throw new CliException($"{plan.Count(c => c.Refusal is not null)} file(s) refused by the server, e.g. {refused.FilePath}: {refused.Refusal}");
            }
        }));
        return command;
    }
}
