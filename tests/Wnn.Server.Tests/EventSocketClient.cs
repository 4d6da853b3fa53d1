using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Wnn.Server.Tests;

/// <summary>A WebSocket client of <c>/ws</c> that reads JSON messages with a timeout.</summary>
public sealed class EventSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public List<JsonElement> Received { get; } = [];

    public static async Task<EventSocketClient> ConnectAsync(Uri serverUrl)
    {
        var client = new EventSocketClient();
        var ws = new UriBuilder(serverUrl) { Scheme = "ws", Path = "/ws" }.Uri;
        await client._socket.ConnectAsync(ws, CancellationToken.None);
        return client;
    }

    public async Task<JsonElement> ReceiveAsync(int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        JsonElement element = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
        Received.Add(element);
        return element;
    }

    /// <summary>Reads messages until one of <paramref name="type"/> satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null, int timeoutMs = 15_000)
    {
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            int left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
            if (left <= 0)
            {
                throw new TimeoutException($"no {type} message; got {string.Join(", ", Received.Select(r => r.GetProperty("type").GetString()))}");
            }

            JsonElement message = await ReceiveAsync(left);
            if (message.GetProperty("type").GetString() == type && (match is null || match(message.GetProperty("data"))))
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(2000);
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // Server already gone.
            }
        }

        _socket.Dispose();
    }
}
