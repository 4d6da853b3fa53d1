using System.CommandLine;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary><c>wnn checkpoint list|show|download|seed|delete|import</c> over the server's REST API.</summary>
internal static class CheckpointCommands
{
    private static readonly Argument<long> IdArgument = new("id") { Description = "Checkpoint id" };

    public static Command Create()
    {
        var checkpoint = new Command("checkpoint", "Manage registered genome checkpoints (.json.gz)").WithClientOptions();
        checkpoint.Add(List());
        checkpoint.Add(Show());
        checkpoint.Add(Download());
        checkpoint.Add(Seed());
        checkpoint.Add(Delete());
        checkpoint.Add(Import());
        return checkpoint;
    }

    private static Command List()
    {
        var finalOnly = new Option<bool>("--final-only") { Description = "Only final checkpoints" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV (full-data CE in nats, accuracy as a fraction)" };
        var command = new Command("list", "List checkpoints, newest first") { finalOnly, csv };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            IReadOnlyList<CheckpointRecord> checkpoints = await client.ListCheckpointsAsync(parse.GetValue(finalOnly), ct);
            if (parse.GetValue(csv))
            {
                CsvOutput.Write(["id", "name", "experiment_id", "full_data_ce_nats", "full_data_accuracy", "iterations", "final", "references", "size_bytes",
                    "created_at", "path"], checkpoints.Select(c => (IReadOnlyList<string>)
                    [
                        CsvOutput.Num(c.Id), c.Name, CsvOutput.Num(c.ExperimentId), CsvOutput.Num(c.FinalFitness), CsvOutput.Num(c.FinalAccuracy),
                        CsvOutput.Num(c.IterationsRun), c.IsFinal ? "true" : "false", CsvOutput.Num(c.ReferenceCount), CsvOutput.Num(c.FileSizeBytes),
                        CsvOutput.Time(c.CreatedAt), c.FilePath,
                    ]));
            }
            else if (json)
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

    private static Command Download()
    {
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: the checkpoint's file name, in the current folder)" };
        var command = new Command("download", "Download a checkpoint's file from the server") { IdArgument, output };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            long id = parse.GetValue(IdArgument);
            CheckpointRecord record = await client.GetCheckpointAsync(id, ct);
            string target = parse.GetValue(output) ?? Path.GetFileName(record.FilePath);
            CliFiles.EnsureWritable(target, "--output");
            // Written next to the target and renamed: an interrupted download never leaves a half file under the name.
            string temp = $"{Path.GetFullPath(target)}.{Environment.ProcessId}.download";
            try
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    await client.DownloadCheckpointAsync(id, file, ct);
                    await file.FlushAsync(ct);
                }

                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }

            long size = new FileInfo(target).Length;
            if (json)
            {
                ConsoleOutput.Json(new { id, path = Path.GetFullPath(target), size_bytes = size });
            }
            else
            {
                Console.WriteLine($"checkpoint {id} downloaded to {target} ({ConsoleOutput.Size(size)})");
            }
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
