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
    private readonly HashSet<string> _warmAll = new(StringComparer.Ordinal);
    private Task? _warming;

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

            string key = StudyPages.SweepKey(sweep);
            if (Moved(key, marker))
            {
                if (publish)
                {
                    Study study = sources.OpenSweep(sweep);
                    Publish(StudyWire.Sweep(sweep, study, StudySources.Counts(study), null));
                }
            }

            Warm(key, marker, () => StudyPages.SweepReport(sources, sweep));
        }

        if (sources.StudyStorage() is { } storage)
        {
            foreach (StudySummary s in storage.ListStudies())
            {
                string key = StudyPages.StudyKey(s.Id), marker = storage.GetChangeMarker(s.Id);
                if (Moved(key, marker))
                {
                    if (publish && StudySources.LoadStudy(storage, s.Id) is { } study)
                    {
                        Publish(StudyWire.Study(s.Id, study, StudySources.Counts(study)));
                    }
                }

                Warm(key, marker, () => StudyPages.StudyReport(sources, storage, s.Id));
            }
        }
    }

    /// <summary>
    /// Computes a report in the background, one at a time, so that a page's first report request finds it ready: every
    /// study once after the server starts, then those whose report was asked for whenever their trials change.
    /// </summary>
    private void Warm(string key, string marker, Func<CachedReport?> build)
    {
        if (sources.HasReport(key, marker))
        {
            _warmAll.Remove(key);
            return;
        }

        if ((!_warmAll.Contains(key) && !sources.HasReport(key)) || _warming is { IsCompleted: false })
        {
            return; // not wanted, or busy with another: the next pass tries again
        }

        _warming = Task.Run(() =>
        {
            try
            {
                _ = build();
            }
            catch (Exception ex) when (ex is StudySourceException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogWarmFailed(logger, key, ex);
            }
        });
    }

    private bool Moved(string key, string marker)
    {
        if (_markers.TryGetValue(key, out string? last) && last == marker)
        {
            return false;
        }

        if (last is null)
        {
            _warmAll.Add(key);
        }

        _markers[key] = marker;
        return true;
    }

    private void Publish(StudyRecord record) => hub.Publish(EventHub.Format(0, StoreEventTypes.StudyUpdated, StoreJson.Serialize(record)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Computing the report of {Key} in the background failed")]
    private static partial void LogWarmFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching the study storages failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
