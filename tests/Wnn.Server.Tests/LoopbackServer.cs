using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Tests;

/// <summary>A real <c>wnn serve</c> on 127.0.0.1 (free port) over a SQLite file in a temporary directory.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly List<IExperimentStore> _extraStores = [];
    private readonly PostgresSchemaScope? _postgres;

    private LoopbackServer(string root, IExperimentStore store, WnnServer server, ServerOptions options, PostgresSchemaScope? postgres)
    {
        _postgres = postgres;
        Root = root;
        Store = store;
        Server = server;
        Options = options;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
        Client = new WnnClient(new HttpClient { BaseAddress = server.Url }, options.ApiToken, ownsHttp: true);
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "experiments.db");

    public string CheckpointRoot => Path.Combine(Root, "checkpoints");

    public IExperimentStore Store { get; }

    public WnnServer Server { get; }

    public ServerOptions Options { get; }

    public HttpClient Http { get; }

    public WnnClient Client { get; }

    public static WorkerOptions FastWorker(string checkpointRoot) => new()
    {
        CheckpointRoot = checkpointRoot,
        PollInterval = TimeSpan.FromMilliseconds(50),
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        StaleAfter = TimeSpan.FromSeconds(2),
    };

    public static async Task<LoopbackServer> StartAsync(
        Func<ServerOptions, ServerOptions>? configure = null, bool withExecutor = true, bool postgres = false)
    {
        string root = Path.Combine(Path.GetTempPath(), "wnn-server-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "checkpoints"));
        PostgresSchemaScope? scope = postgres ? await PostgresSchemaScope.CreateAsync() : null;
        IExperimentStore store = scope is null
            ? await SqliteExperimentStore.OpenAsync(Path.Combine(root, "experiments.db"), CancellationToken.None)
            : await PostgresExperimentStore.OpenAsync(scope.ConnectionString, CancellationToken.None);
        var options = new ServerOptions
        {
            Port = 0,
            EventPollInterval = TimeSpan.FromMilliseconds(20),
            Worker = FastWorker(Path.Combine(root, "checkpoints")),
        };
        options = configure?.Invoke(options) ?? options;
        WnnServer server = await WnnServer.StartAsync(options, store, withExecutor ? new ScriptedFlowExecutor() : null, CancellationToken.None);
        return new LoopbackServer(root, store, server, options, scope);
    }

    /// <summary>Another store instance on the same database file, as a separate worker process would open.</summary>
    public async Task<IExperimentStore> OpenOtherStoreAsync()
    {
        IExperimentStore store = _postgres is null
            ? await SqliteExperimentStore.OpenAsync(DatabasePath, CancellationToken.None)
            : await PostgresExperimentStore.OpenAsync(_postgres.ConnectionString, CancellationToken.None);
        _extraStores.Add(store);
        return store;
    }

    public async Task<FlowRecord> WaitForFlowAsync(long id, Func<FlowRecord, bool> condition, int timeoutMs = 20_000)
    {
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            FlowRecord flow = (await Store.GetFlowAsync(id, CancellationToken.None))!;
            if (condition(flow))
            {
                return flow;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"flow {id} stayed {flow.Status} (error: {flow.Error})");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
        foreach (IExperimentStore extra in _extraStores)
        {
            await extra.DisposeAsync();
        }

        await Store.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
