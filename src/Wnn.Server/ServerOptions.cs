using System.Net;

namespace Wnn.Server;

/// <summary>Options of <c>wnn serve</c>; immutable, validated by <see cref="Validate"/>.</summary>
public sealed record ServerOptions
{
    /// <summary>Default port.</summary>
    public const int DefaultPort = 5000;

    /// <summary>Address to bind. Default <c>127.0.0.1</c>; anything not loopback requires <see cref="ApiToken"/>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one. Default 5000.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Bearer token required on every <c>/api</c> request and the <c>/ws</c> socket when set. Default none.</summary>
    public string? ApiToken { get; init; }

    /// <summary>With <see cref="ApiToken"/>: leave reads (GET, HEAD, OPTIONS and the socket) open and guard only changes. Default false.</summary>
    public bool PublicRead { get; init; }

    /// <summary>Most WebSocket clients at once; more are accepted and closed at once with status 1013 and a reason. Default 64.</summary>
    public int MaxSockets { get; init; } = 64;

    /// <summary>
    /// A WebSocket client that does not answer the server's ping within this time is dropped (browsers answer on their own).
    /// Pings go out every half of it. Default 60 s.
    /// </summary>
    public TimeSpan SocketIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Events always kept in the event log; older ones (past a day) are deleted. Default 100,000.</summary>
    public int EventsKept { get; init; } = 100_000;

    /// <summary>How often the event log is pruned. Default 10 minutes.</summary>
    public TimeSpan EventPruneInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest accepted request body. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>How often the event log is polled for events to push (also those written by other processes). Default 100 ms.</summary>
    public TimeSpan EventPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Number of flow workers inside the server process (0: none; needs an executor). Default 1.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Worker settings; its <see cref="WorkerOptions.CheckpointRoot"/> is also the only directory checkpoints may be registered from over HTTP.</summary>
    public WorkerOptions Worker { get; init; } = new();

    /// <summary>Directory of the built web dashboard (<c>index.html</c> + <c>assets/</c>). Default: located by <see cref="DashboardFiles.Locate"/>.</summary>
    public string? DashboardDirectory { get; init; }

    /// <summary>Directory whose sub-directories holding a sweep.yaml are served as sweeps (<c>/api/sweeps</c>). Default <c>outputs/experiments</c>, as <c>wnn sweep</c> uses.</summary>
    public string SweepsRoot { get; init; } = Path.Combine("outputs", "experiments");

    /// <summary>Study storage served at <c>/api/studies</c> (SQLite file or PostgreSQL connection string); also used for sweeps recorded on PostgreSQL. Default none.</summary>
    public string? StudyStorage { get; init; }

    /// <summary>How often the sweeps' and studies' trials are checked for changes to push over the WebSocket. Default 1 s.</summary>
    public TimeSpan StudyPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Minimum log level. Default warning.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>True when <see cref="Host"/> is a loopback address or <c>localhost</c>.</summary>
    public bool IsLoopback => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));

    /// <summary>The address to listen on.</summary>
    public IPAddress BindAddress => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        ? IPAddress.Loopback
        : IPAddress.TryParse(Host.Trim('[', ']'), out IPAddress? address) ? address : throw new ArgumentException($"host '{Host}' is not an IP address or localhost");

    /// <summary>Throws when a value is invalid, naming it and what is allowed.</summary>
    public void Validate()
    {
        _ = BindAddress;
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"port {Port} is out of range; use 0–65535 (0 picks a free port)");
        }

        if (!IsLoopback && string.IsNullOrWhiteSpace(ApiToken))
        {
            throw new ArgumentException($"binding to {Host} (not loopback) requires an API token: pass --api-token or set WNN_API_TOKEN");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException($"max request body {MaxRequestBodyBytes} bytes is too small; use at least 1024");
        }

        if (EventPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"event poll interval {EventPollInterval} must be positive");
        }

        if (EventsKept < 1 || EventPruneInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"events kept {EventsKept} must be 1 or more and the prune interval {EventPruneInterval} positive");
        }

        if (StudyPollInterval <= TimeSpan.Zero || string.IsNullOrWhiteSpace(SweepsRoot))
        {
            throw new ArgumentException($"study poll interval {StudyPollInterval} must be positive and the sweeps directory '{SweepsRoot}' not empty");
        }

        if (MaxSockets < 1)
        {
            throw new ArgumentException($"max sockets {MaxSockets} must be 1 or more");
        }

        if (SocketIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"socket idle timeout {SocketIdleTimeout} must be positive");
        }

        if (Workers < 0)
        {
            throw new ArgumentException($"workers {Workers} must be 0 or more");
        }

        if (!string.IsNullOrWhiteSpace(DashboardDirectory) && !File.Exists(Path.Combine(DashboardDirectory, "index.html")))
        {
            throw new ArgumentException($"dashboard directory '{DashboardDirectory}' has no index.html; build it with scripts/build-dashboard.sh or omit --dashboard-dir");
        }

        Worker.Validate();
    }
}
