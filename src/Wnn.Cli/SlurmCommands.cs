using System.CommandLine;
using System.Globalization;
using Wnn.Launchers.Slurm;

namespace Wnn.Cli;

/// <summary>`wnn slurm …`: flow workers as Slurm jobs, and the task runner inside a sweep's job array.</summary>
internal static class SlurmCommands
{
    public static Command Create()
    {
        var command = new Command("slurm", "Run on a Slurm cluster: flow workers as Slurm jobs (sweeps use `wnn sweep run --launcher slurm`; see docs/slurm.md).");
        command.Add(Workers());
        command.Add(Exec());
        return command;
    }

    private static Command Workers()
    {
        var count = new Option<int>("--count") { Description = "How many workers (one array task each).", DefaultValueFactory = _ => 1 };
        var db = new Option<string?>("--db") { Description = "The shared PostgreSQL connection string \"Host=…;Database=…\" (default: $WNN_DB); every node must reach it." };
        var checkpoints = new Option<string>("--checkpoint-root") { Description = "Checkpoint directory of the workers, on a filesystem every node shares.", DefaultValueFactory = _ => "checkpoints" };
        var dir = new Option<string>("--dir") { Description = "Where the job script and the workers' Slurm logs go (shared filesystem).", DefaultValueFactory = _ => Path.Combine("outputs", "slurm-workers") };
        var heartbeat = new Option<double?>("--heartbeat-interval") { Description = "Passed to wnn worker." };
        var stale = new Option<double?>("--stale-after") { Description = "Passed to wnn worker: a worker silent this long (its job ended mid-phase) has its flow requeued for another." };
        Option<string[]> slurm = SlurmCliOptions.Slurm();
        var command = new Command("workers", "Submit `wnn worker` processes as one Slurm job array, so many nodes run the queued flows of one PostgreSQL database; prints the job id (scancel it to stop them).")
        {
            count, db, checkpoints, dir, heartbeat, stale, slurm,
        };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(count);
            if (n is < 1 or > 10_000)
            {
                throw new CliException($"--count: {n} is not between 1 and 10000");
            }

            string? database = parse.GetValue(db) ?? (Environment.GetEnvironmentVariable("WNN_DB") is { Length: > 0 } env ? env : null);
            if (database is null || !database.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException("--db: workers on several nodes need a PostgreSQL connection string \"Host=…;Database=…\" (a SQLite file is not shared safely)");
            }

            SlurmOptions options = SlurmCliOptions.Parse(parse.GetValue(slurm) ?? []);
            string root = Path.GetFullPath(parse.GetValue(dir)!);
            string batch = Path.Combine(root, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(batch);
            var args = new List<string> { "worker", "--db", database, "--checkpoint-root", Path.GetFullPath(parse.GetValue(checkpoints)!) };
            if (parse.GetValue(heartbeat) is double h)
            {
                args.AddRange(["--heartbeat-interval", h.ToString(CultureInfo.InvariantCulture)]);
            }

            if (parse.GetValue(stale) is double s)
            {
                args.AddRange(["--stale-after", s.ToString(CultureInfo.InvariantCulture)]);
            }

            string script = SbatchScript.RenderCommand(options with { JobName = options.JobName ?? "wnn-workers" }, "wnn-workers", batch, n, SlurmCliOptions.WnnCommand([.. args]));
            string path = Path.Combine(batch, "workers.sh");
            await File.WriteAllTextAsync(path, script, ct);
            string jobId;
            try
            {
                jobId = await SlurmCli.SubmitAsync(path, batch, ct);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException("sbatch: " + ex.Message);
            }

            Console.Out.WriteLine(jobId);
            Console.Error.WriteLine($"wnn: {n} worker(s) submitted as Slurm job {jobId}; logs in {batch}; stop them with: scancel {jobId}");
            return 0;
        });
        return command;
    }

    private static Command Exec()
    {
        var spec = new Argument<string>("SPEC") { Description = "The task spec (<sweep dir>/.slurm/<batch>/<index>.json)." };
        var command = new Command("exec", "Inside a Slurm array task: run one trial of a sweep from its spec and write its exit record.") { spec };
        command.Hidden = true;
        command.SetAction(async (parse, _) =>
        {
            string path = parse.GetValue(spec)!;
            if (!File.Exists(path))
            {
                throw new CliException($"SPEC: '{path}' does not exist");
            }

            try
            {
                return await SlurmTaskRunner.RunAsync(path);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new CliException($"SPEC: '{path}' is not a task spec: {ex.Message}");
            }
        });
        return command;
    }
}
