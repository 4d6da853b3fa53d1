using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// Keeps the event log bounded: on start and every <see cref="ServerOptions.EventPruneInterval"/> it deletes events
/// older than a day beyond the newest <see cref="ServerOptions.EventsKept"/>. Clients resync from a snapshot.
/// </summary>
internal sealed class EventPruner(IExperimentStore store, ServerOptions options, ILogger<EventPruner> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumAge = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.EventPruneInterval);
        do
        {
            try
            {
                await store.PruneEventsAsync(options.EventsKept, MinimumAge, stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException)
            {
#pragma warning disable CA1848 // rare
                logger.LogWarning("pruning the event log failed: {Message}", ex.Message);
#pragma warning restore CA1848
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
