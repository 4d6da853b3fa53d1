#:project ../../src/Wnn.Server/Wnn.Server.csproj
#:property PublishAot=false
#:property TreatWarningsAsErrors=false

// WebSocket fan-out latency: 100 clients on /ws of an in-process server over SQLite; another store instance
// (as a worker process would) appends IterationUpdate events; we time from the append's commit to each
// client's receipt. Usage: dotnet run benchmarks/server/ws_fanout.cs [clients=100] [events=50] [poll_ms=100]
using System.Diagnostics;
using System.Net.WebSockets;
using Wnn.Server;
using Wnn.Storage;

int clients = args.Length > 0 ? int.Parse(args[0]) : 100;
int events = args.Length > 1 ? int.Parse(args[1]) : 50;
int pollMs = args.Length > 2 ? int.Parse(args[2]) : 100;
string root = Path.Combine(Path.GetTempPath(), "wnn-fanout-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
string db = Path.Combine(root, "experiments.db");
await using IExperimentStore store = await SqliteExperimentStore.OpenAsync(db, default);
await using IExperimentStore writer = await SqliteExperimentStore.OpenAsync(db, default);
await using WnnServer server = await WnnServer.StartAsync(
    new ServerOptions { Port = 0, EventPollInterval = TimeSpan.FromMilliseconds(pollMs), Worker = new WorkerOptions { CheckpointRoot = Path.Combine(root, "ckpt") } },
    store, executor: null, default);
ExperimentRecord experiment = await writer.CreateExperimentAsync(new NewExperiment("Phase 1a", "1a", "ga", "neurons"), default);

var sockets = new List<ClientWebSocket>();
var ws = new UriBuilder(server.Url) { Scheme = "ws", Path = "/ws" }.Uri;
for (int i = 0; i < clients; i++)
{
    var socket = new ClientWebSocket();
    await socket.ConnectAsync(ws, default);
    await ReceiveAsync(socket); // snapshot
    sockets.Add(socket);
}

var latencies = new List<double>();
var roundMax = new List<double>();
for (int e = 1; e <= events; e++)
{
    Task<long>[] receipts = sockets.Select(s => Task.Run(async () => { await ReceiveAsync(s); return Stopwatch.GetTimestamp(); })).ToArray();
    await Task.Delay(Random.Shared.Next(0, pollMs)); // decorrelate from the poll phase
    await writer.AddIterationAsync(new IterationRecord { ExperimentId = experiment.Id, Iteration = e, BestCe = 10 - (e * 0.01) }, default);
    long committed = Stopwatch.GetTimestamp();
    long[] received = await Task.WhenAll(receipts);
    double[] ms = received.Select(r => Stopwatch.GetElapsedTime(committed, r).TotalMilliseconds).ToArray();
    latencies.AddRange(ms);
    roundMax.Add(ms.Max());
}

latencies.Sort();
roundMax.Sort();
Console.WriteLine($"clients={clients} events={events} poll={pollMs}ms");
Console.WriteLine($"latency commit→client: median {latencies[latencies.Count / 2]:F1} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F1} ms, " +
    $"max {latencies[^1]:F1} ms; slowest client per event: median {roundMax[roundMax.Count / 2]:F1} ms");
foreach (ClientWebSocket socket in sockets)
{
    socket.Abort();
    socket.Dispose();
}

Directory.Delete(root, recursive: true);

static async Task ReceiveAsync(ClientWebSocket socket)
{
    var buffer = new byte[256 * 1024];
    WebSocketReceiveResult result;
    do
    {
        result = await socket.ReceiveAsync(buffer, default);
    }
    while (!result.EndOfMessage);
}
