using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wnn.Server;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary><c>wnn serve</c> (REST + WebSocket server with in-process workers) and <c>wnn worker</c> (a worker process).</summary>
internal static class ServeCommands
{
    private static readonly Option<string?> Db = new("--db")
    {
        Description = $"SQLite file path or PostgreSQL connection string \"Host=…;Database=…\" (default: $WNN_DB, else {ExperimentStores.DefaultSqlitePath})",
    };

    private static readonly Option<string> CheckpointRoot = new("--checkpoint-root")
    {
        Description = "Directory for flow checkpoints; the only place checkpoints may be registered from over HTTP",
        DefaultValueFactory = _ => "checkpoints",
    };

    private static readonly Option<double> HeartbeatSeconds = new("--heartbeat-interval")
    {
        Description = "Seconds between worker heartbeats (also how often a running flow checks for a stop request)",
        DefaultValueFactory = _ => new WorkerOptions().HeartbeatInterval.TotalSeconds,
    };

    private static readonly Option<double> StaleAfterSeconds = new("--stale-after")
    {
        Description = "Seconds without a heartbeat after which a running flow's worker counts as dead and the flow is requeued",
        DefaultValueFactory = _ => new WorkerOptions().StaleAfter.TotalSeconds,
    };

    public static Command Serve()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port)", DefaultValueFactory = _ => ServerOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to bind; not loopback requires --api-token", DefaultValueFactory = _ => "127.0.0.1" };
        var token = new Option<string?>("--api-token") { Description = "Bearer token required on every API request and the WebSocket (default: $WNN_API_TOKEN)" };
        var maxSockets = new Option<int>("--max-sockets") { Description = "Most WebSocket clients at once (more are closed with a reason)", DefaultValueFactory = _ => 64 };
        var publicRead = new Option<bool>("--public-read") { Description = "With --api-token: leave reads (GET and the WebSocket) open, require the token only for changes" };
        var workers = new Option<int>("--workers") { Description = "Flow workers inside the server (0: none)", DefaultValueFactory = _ => 1 };
        var sweeps = new Option<string>("--sweeps") { Description = "Directory whose sweep directories the dashboard shows (as `wnn sweep run` makes them)", DefaultValueFactory = _ => Path.Combine("outputs", "experiments") };
        var studyStorage = new Option<string?>("--study-storage") { Description = "Study storage the dashboard shows at /studies: SQLite file or PostgreSQL connection string (default: the --db database)" };
        var dashboard = new Option<string?>("--dashboard-dir") { Description = "Built web dashboard to serve at / (default: $WNN_DASHBOARD_DIR, else dashboard/dist found from here)" };
        var command = new Command("serve", "Run the experiments server: REST API, WebSocket events, web dashboard and flow workers")
        {
            port, host, Db, token, publicRead, maxSockets, workers, CheckpointRoot, dashboard, sweeps, studyStorage, HeartbeatSeconds, StaleAfterSeconds,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                ApiToken = parse.GetValue(token) ?? NullIfEmpty(Environment.GetEnvironmentVariable("WNN_API_TOKEN")),
                PublicRead = parse.GetValue(publicRead),
                MaxSockets = parse.GetValue(maxSockets),
                Workers = parse.GetValue(workers),
                Worker = ReadWorkerOptions(parse, null),
                DashboardDirectory = parse.GetValue(dashboard),
                SweepsRoot = parse.GetValue(sweeps)!,
                StudyStorage = parse.GetValue(studyStorage) ?? parse.GetValue(Db) ?? NullIfEmpty(Environment.GetEnvironmentVariable("WNN_DB")) ?? ExperimentStores.DefaultSqlitePath,
                LogLevel = LogLevel.Warning,
            };
            Validate(options.Validate);
            IFlowExecutor executor = FlowExecutors.Create();
            await using IExperimentStore store = await OpenStoreAsync(parse, cancellationToken);
            WnnServer started;
            try
            {
                started = await WnnServer.StartAsync(options, store, executor, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }

            await using WnnServer server = started;
            Console.WriteLine($"wnn: serving {server.Url} ({store.Provider}); WebSocket {new UriBuilder(server.Url) { Scheme = "ws", Path = "/ws" }.Uri}");
            Console.WriteLine(options.Workers == 0
                ? "wnn: no in-process workers (--workers 0): queued flows wait for a `wnn worker`"
                : $"wnn: {options.Workers} worker(s) running flows; checkpoints under {Path.GetFullPath(options.Worker.CheckpointRoot)}");
            await WaitForCancellationAsync(cancellationToken);
            Console.WriteLine("wnn: stopping (running flows go back to the queue)");
        });
        return command;
    }

    public static Command Worker()
    {
        var id = new Option<string?>("--id") { Description = "Worker id (default host:pid:random)" };
        var command = new Command("worker", "Run a worker process that claims queued flows from the shared database") { Db, CheckpointRoot, id, HeartbeatSeconds, StaleAfterSeconds };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IFlowExecutor executor = FlowExecutors.Create();
            WorkerOptions options = ReadWorkerOptions(parse, parse.GetValue(id));
            Validate(options.Validate);
            await using IExperimentStore store = await OpenStoreAsync(parse, cancellationToken);
            var worker = new FlowWorker(store, executor, options, NullLogger<FlowWorker>.Instance);
            await worker.StartAsync(cancellationToken);
            Console.WriteLine($"wnn: worker {worker.WorkerId} polling {store.Provider} for queued flows");
            await WaitForCancellationAsync(cancellationToken);
            await worker.StopAsync(CancellationToken.None);
            Console.WriteLine($"wnn: worker stopped after {worker.FlowsFinished} flow(s)");
        });
        return command;
    }

    private static WorkerOptions ReadWorkerOptions(ParseResult parse, string? workerId)
    {
        double heartbeat = parse.GetValue(HeartbeatSeconds);
        double stale = parse.GetValue(StaleAfterSeconds);
        if (!(heartbeat is > 0 and <= 3600) || !(stale is > 0 and <= 86400))
        {
            throw new CliException($"--heartbeat-interval {heartbeat} and --stale-after {stale} must be positive seconds (at most 3600 and 86400)");
        }

        return new WorkerOptions
        {
            CheckpointRoot = parse.GetValue(CheckpointRoot)!,
            WorkerId = workerId,
            HeartbeatInterval = TimeSpan.FromSeconds(heartbeat),
            StaleAfter = TimeSpan.FromSeconds(stale),
        };
    }

    private static async Task<IExperimentStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string? db = parse.GetValue(Db) ?? NullIfEmpty(Environment.GetEnvironmentVariable("WNN_DB"));
        try
        {
            return await ExperimentStores.OpenAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"cannot open database '{db ?? ExperimentStores.DefaultSqlitePath}': {ex.Message}");
        }
    }

    private static void Validate(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
