using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wnn.Search;

namespace Wnn.Server;

/// <summary>
/// Watches the sweeps and studies the server serves and pushes a <c>StudyUpdated</c> message (the study's list record)
/// to every WebSocket client when one's trials change, also when another process (a <c>wnn sweep run</c>) writes them.
/// The study tables have no event log, so each study's change marker (counts by state and of intermediate values, one
/// indexed query) is polled instead.
/// </summary>
internal sealed partial class StudyWatcher(StudySources sources, EventHub hub, ServerOptions options, ILogger<StudyWatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, string> _markers = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Poll(publish: !first);
                first = false;
                await Task.Delay(options.StudyPollInterval, stoppingToken);
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

    /// <summary>One pass: publishes each sweep or study whose marker moved (a new one counts as moved once <paramref name="publish"/> is set).</summary>
    private void Poll(bool publish)
    {
        foreach (SweepFile sweep in sources.ListSweeps())
        {
            string marker;
            try
            {
                marker = sources.SweepMarker(sweep);
            }
            catch (StudySourceException)
            {
                continue; // Not readable (yet): a sweep whose database is being created shows up on a later pass.
            }

            if (Moved("sweep:" + sweep.Directory, marker) && publish)
            {
                Study study = sources.OpenSweep(sweep);
                Publish(StudyWire.Sweep(sweep, study, study.Trials, null));
            }
        }

        if (sources.StudyStorage() is { } storage)
        {
            foreach (StudySummary s in storage.ListStudies())
            {
                if (Moved("study:" + s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), storage.GetChangeMarker(s.Id)) && publish
                    && StudySources.LoadStudy(storage, s.Id) is { } study)
                {
                    Publish(StudyWire.Study(s.Id, study, study.Trials));
                }
            }
        }
    }

    private bool Moved(string key, string marker)
    {
        if (_markers.TryGetValue(key, out string? last) && last == marker)
        {
            return false;
        }

        _markers[key] = marker;
        return true;
    }

    private void Publish(StudyRecord record) => hub.Publish(EventHub.Format(0, StoreEventTypes.StudyUpdated, StoreJson.Serialize(record)));

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the study storages failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
