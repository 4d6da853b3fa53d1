using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;

namespace Wnn.Server.Tests;

/// <summary>The WebSocket cap and the drop of clients that stop answering.</summary>
public sealed class SocketLimitTests
{
    private static Uri Ws(LoopbackServer server) => new UriBuilder(server.Server.Url) { Scheme = "ws", Path = "/ws" }.Uri;

    [Fact]
    public async Task Past_the_cap_a_client_gets_a_close_frame_with_the_reason_and_a_freed_slot_is_reused()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(o => o with { MaxSockets = 2 }, withExecutor: false);
        await using EventSocketClient first = await EventSocketClient.ConnectAsync(server.Server.Url);
        await first.WaitForAsync("Snapshot");
        var second = await EventSocketClient.ConnectAsync(server.Server.Url);
        await second.WaitForAsync("Snapshot");

        using var third = new ClientWebSocket();
        await third.ConnectAsync(Ws(server), CancellationToken.None);
        WebSocketReceiveResult result = await third.ReceiveAsync(new byte[4096], new CancellationTokenSource(10_000).Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(1013, (int)result.CloseStatus!);
        Assert.Equal("too many connections (the server's limit is 2); try again later", result.CloseStatusDescription);

        await second.DisposeAsync();
        SocketGate gate = server.Server.App.Services.GetRequiredService<SocketGate>();
        for (int i = 0; i < 200 && gate.Open > 1; i++)
        {
            await Task.Delay(25);
        }

        await using EventSocketClient again = await EventSocketClient.ConnectAsync(server.Server.Url);
        await again.WaitForAsync("Snapshot");
    }

    [Fact]
    public async Task A_client_that_stops_answering_pings_is_dropped_and_frees_its_slot()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync(
            o => o with { MaxSockets = 1, SocketIdleTimeout = TimeSpan.FromMilliseconds(600) }, withExecutor: false);
        SocketGate gate = server.Server.App.Services.GetRequiredService<SocketGate>();

        // Connects and never reads again: pings stay unanswered.
        using var silent = new ClientWebSocket();
        silent.Options.KeepAliveInterval = TimeSpan.Zero;
        await silent.ConnectAsync(Ws(server), CancellationToken.None);
        for (int i = 0; i < 100 && gate.Open == 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, gate.Open);
        for (int i = 0; i < 300 && gate.Open > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, gate.Open);
        await using EventSocketClient next = await EventSocketClient.ConnectAsync(server.Server.Url);
        await next.WaitForAsync("Snapshot");
    }
}
