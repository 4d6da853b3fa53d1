using Wnn.Dashboard.TestHost;
using Wnn.Server;
using Wnn.Storage;

// Usage: --port N --db FILE --checkpoints DIR [--dashboard-dir DIR] [--delay-ms N] [--sweeps DIR] [--study-storage DB]
// Prints "listening <url>" once the server accepts connections; stops on SIGTERM / Ctrl+C.
var values = new Dictionary<string, string>();
for (int i = 0; i + 1 < args.Length; i += 2)
{
    values[args[i].TrimStart('-')] = args[i + 1];
}

string db = values.GetValueOrDefault("db") ?? throw new ArgumentException("--db is required");
string checkpoints = values.GetValueOrDefault("checkpoints") ?? throw new ArgumentException("--checkpoints is required");
Directory.CreateDirectory(checkpoints);
int delayMs = int.Parse(values.GetValueOrDefault("delay-ms") ?? "250", System.Globalization.CultureInfo.InvariantCulture);
var options = new ServerOptions
{
    Port = int.Parse(values.GetValueOrDefault("port") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
    DashboardDirectory = values.GetValueOrDefault("dashboard-dir"),
    EventPollInterval = TimeSpan.FromMilliseconds(50),
    SweepsRoot = values.GetValueOrDefault("sweeps") ?? Path.Combine("outputs", "experiments"),
    StudyStorage = values.GetValueOrDefault("study-storage"),
    StudyPollInterval = TimeSpan.FromMilliseconds(200),
    Worker = new WorkerOptions
    {
        CheckpointRoot = checkpoints,
        PollInterval = TimeSpan.FromMilliseconds(100),
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        StaleAfter = TimeSpan.FromSeconds(2),
    },
};

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});

await using IExperimentStore store = await SqliteExperimentStore.OpenAsync(db, CancellationToken.None);
await using WnnServer server = await WnnServer.StartAsync(options, store, new SyntheticFlowExecutor(TimeSpan.FromMilliseconds(delayMs)), CancellationToken.None);
Console.WriteLine($"listening {server.Url}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Asked to stop.
}
