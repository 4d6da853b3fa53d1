using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wnn.Server.Apis;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>The <c>wnn serve</c> web application: REST API, WebSocket events and, given an executor, flow workers.</summary>
public sealed class WnnServer : IAsyncDisposable
{
    private WnnServer(WebApplication app, Uri url)
    {
        App = app;
        Url = url;
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>URL a client on this machine uses (the actual port when 0 was asked for).</summary>
    public Uri Url { get; }

    /// <summary>Builds the application without starting it. The caller keeps ownership of <paramref name="store"/>.</summary>
    public static WebApplication Build(ServerOptions options, IExperimentStore store, IFlowExecutor? executor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        // The host logs a failed start with its stack trace; the caller reports it in one line instead.
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.BindAddress, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.ConfigureHttpJsonOptions(json => StoreJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StoreExceptionHandler>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<StoreHealth>();
        builder.Services.AddSingleton<SocketGate>();
        builder.Services.AddSingleton<ListCache>();
        builder.Services.AddHostedService<EventPruner>();
        builder.Services.AddSingleton(new FlowConfigCheck(executor as IFlowConfigValidator));
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventHub>());
        builder.Services.AddSingleton<StudySources>();
        builder.Services.AddHostedService<StudyWatcher>();
        int localWorkers = executor is null ? 0 : options.Workers;
        builder.Services.AddSingleton(new ServerInfo(localWorkers));
        for (int i = 0; i < localWorkers; i++)
        {
            builder.Services.AddSingleton<IHostedService>(sp => new FlowWorker(store, executor!, options.Worker, sp.GetRequiredService<ILogger<FlowWorker>>()));
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseMiddleware<ApiTokenMiddleware>();
        app.UseMiddleware<DamagedStoreMiddleware>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.SocketIdleTimeout / 2, KeepAliveTimeout = options.SocketIdleTimeout });
        app.MapSystemApi();
        app.MapConfigApi();
        app.MapFlowsApi();
        app.MapCheckpointsApi();
        app.MapExperimentsApi();
        app.MapSweepsApi();
        app.MapStudiesApi();
        app.MapEventsSocket();
        app.UseDashboard(DashboardFiles.Locate(options.DashboardDirectory));
        return app;
    }

    /// <summary>Builds and starts the server; returns once it listens.</summary>
    public static async Task<WnnServer> StartAsync(ServerOptions options, IExperimentStore store, IFlowExecutor? executor, CancellationToken cancellationToken)
    {
        WebApplication app = Build(options, store, executor);
        // A damaged database is reported (one log line with the fix) before serving; reads of sound tables still work.
        await app.Services.GetRequiredService<StoreHealth>().CheckAsync(force: true, cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
            || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new ArgumentException(
                $"port {options.Port} on {options.Host} is already in use; pick another with --port (0 picks a free one) or stop the server that holds it", ex);
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(address).Port;
        string host = options.BindAddress.Equals(IPAddress.Any) || options.BindAddress.Equals(IPAddress.IPv6Any)
            ? "127.0.0.1"
            : options.BindAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.BindAddress}]" : options.BindAddress.ToString();
        return new WnnServer(app, new Uri($"http://{host}:{port}/"));
    }

    /// <summary>Stops listening, lets workers hand back their flows, and waits for the host to finish.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => App.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
