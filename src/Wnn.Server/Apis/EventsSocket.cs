using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Server.Apis;

/// <summary>
/// <c>/ws</c>: sends <c>{"type":"Snapshot","data":…}</c> on connect, then every event appended to the store's
/// event log after that snapshot as <c>{"type":…,"id":…,"data":…}</c>, in id order, and the server's own
/// <c>StudyUpdated</c> messages (id 0) when a sweep's or study's trials change.
/// </summary>
public static class EventsSocket
{
    /// <summary>Maps the WebSocket endpoint.</summary>
    public static IEndpointConventionBuilder MapEventsSocket(this IEndpointRouteBuilder app) => app.Map("/ws", HandleAsync);

    /// <summary>Serves one WebSocket client until it disconnects or the server stops.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem("connect with a WebSocket upgrade", statusCode: StatusCodes.Status400BadRequest, title: "WebSocket expected")
                .ExecuteAsync(context);
            return;
        }

        SocketGate gate = context.RequestServices.GetRequiredService<SocketGate>();
        if (!gate.TryEnter())
        {
            // Past the cap: accept, then close at once with a reason the client can show (1013 = try again later).
            using WebSocket refused = await context.WebSockets.AcceptWebSocketAsync();
            await refused.CloseOutputAsync((WebSocketCloseStatus)1013, $"too many connections (the server's limit is {gate.Max}); try again later",
                context.RequestAborted);
            return;
        }

        try
        {
            await ServeAsync(context);
        }
        finally
        {
            gate.Exit();
        }
    }

    private static async Task ServeAsync(HttpContext context)
    {
        EventHub hub = context.RequestServices.GetRequiredService<EventHub>();
        IExperimentStore store = context.RequestServices.GetRequiredService<IExperimentStore>();
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        // Server shutdown ends the stream too; otherwise an open dashboard would hold up Ctrl+C until the shutdown timeout.
        IHostApplicationLifetime lifetime = context.RequestServices.GetRequiredService<IHostApplicationLifetime>();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);

        // Subscribe before reading the snapshot so that no event between the two is lost (duplicates are skipped by id).
        using EventHub.Subscription subscription = hub.Subscribe();
        DashboardSnapshot snapshot = await SystemApi.BuildSnapshotAsync(store, closed.Token);
        EventMessage first = EventHub.Format(0, "Snapshot", StoreJson.Serialize(snapshot));
        await socket.SendAsync(first.Utf8Json, WebSocketMessageType.Text, endOfMessage: true, closed.Token);

        Task receive = DrainUntilCloseAsync(socket, closed);
        try
        {
            await foreach (EventMessage message in subscription.Reader.ReadAllAsync(closed.Token))
            {
                // Id 0: pushed by the server itself (StudyUpdated), not part of the event log, never in a snapshot.
                if (message.Id == 0 || message.Id > snapshot.LastEventId)
                {
                    await socket.SendAsync(message.Utf8Json, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Client went away or the server is stopping.
        }

        await closed.CancelAsync();
        await receive;
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }
    }

    private static async Task DrainUntilCloseAsync(WebSocket socket, CancellationTokenSource closed)
    {
        byte[] buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing.
        }

        await closed.CancelAsync();
    }
}
