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
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel);
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
        builder.Services.AddSingleton(new FlowConfigCheck(executor as IFlowConfigValidator));
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventHub>());
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
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.MapSystemApi();
        app.MapConfigApi();
        app.MapFlowsApi();
        app.MapCheckpointsApi();
        app.MapExperimentsApi();
        app.MapEventsSocket();
        app.UseDashboard(DashboardFiles.Locate(options.DashboardDirectory));
        return app;
    }

    /// <summary>Builds and starts the server; returns once it listens.</summary>
    public static async Task<WnnServer> StartAsync(ServerOptions options, IExperimentStore store, IFlowExecutor? executor, CancellationToken cancellationToken)
    {
        WebApplication app = Build(options, store, executor);
        await app.StartAsync(cancellationToken);
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
