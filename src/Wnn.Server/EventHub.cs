using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// Polls the store's event log by id (an indexed range query) and fans each new event out to every
/// WebSocket subscriber. Polling the table, rather than an in-process bus, is what makes events written
/// by worker processes (or other servers) on the same database reach this server's clients.
/// </summary>
internal sealed partial class EventHub(IExperimentStore store, ServerOptions options, ILogger<EventHub> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private const int SubscriberBuffer = 4096;
    private readonly ConcurrentDictionary<Channel<EventMessage>, byte> _subscribers = new();

    /// <summary>Number of connected subscribers.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>Subscribes to events; dispose the returned handle to unsubscribe.</summary>
    public Subscription Subscribe()
    {
        // A client too slow to keep up loses its oldest buffered events rather than stalling everyone; it resyncs from a snapshot.
        Channel<EventMessage> channel = Channel.CreateBounded<EventMessage>(
            new BoundedChannelOptions(SubscriberBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers.TryAdd(channel, 0);
        return new Subscription(this, channel);
    }

    /// <summary>Sends a message that is not in the event log (id 0, e.g. a study's trials changed) to every subscriber now.</summary>
    public void Publish(EventMessage message)
    {
        foreach (Channel<EventMessage> channel in _subscribers.Keys)
        {
            channel.Writer.TryWrite(message);
        }
    }

    /// <summary>Serializes a message of the WebSocket protocol.</summary>
    public static EventMessage Format(long id, string type, string dataJson)
    {
        string json = $"{{\"type\":{JsonSerializer.Serialize(type)},\"id\":{id},\"data\":{dataJson}}}";
        return new EventMessage(id, type, Encoding.UTF8.GetBytes(json));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long last = await store.GetLastEventIdAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                IReadOnlyList<StoreEvent> events = await store.ListEventsAsync(last, BatchSize, stoppingToken);
                foreach (StoreEvent e in events)
                {
                    EventMessage message = Format(e.Id, e.Type, e.PayloadJson);
                    foreach (Channel<EventMessage> channel in _subscribers.Keys)
                    {
                        channel.Writer.TryWrite(message);
                    }

                    last = e.Id;
                }

                if (events.Count < BatchSize)
                {
                    await Task.Delay(options.EventPollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling the event log failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    /// <summary>A subscriber's queue of messages.</summary>
    internal sealed class Subscription(EventHub hub, Channel<EventMessage> channel) : IDisposable
    {
        public ChannelReader<EventMessage> Reader => channel.Reader;

        public void Dispose()
        {
            hub._subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        }
    }
}
