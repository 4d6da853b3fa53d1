using System.Globalization;

namespace Wnn.Search;

/// <summary>
/// Fails the running trials of a study whose heartbeat is older than the grace period recorded on them
/// (<see cref="StorageAttributes.HeartbeatGrace"/>), so a trial orphaned by a killed process does not stay running
/// until the next optimize: every reader calls this. Trials run without heartbeats are never touched.
/// </summary>
public static class StaleTrials
{
    /// <summary>Fails the stale trials of <paramref name="studyId"/> (without re-enqueueing them); returns them.</summary>
    public static IReadOnlyList<FrozenTrial> FailPastRecordedGrace(IStudyStorage storage, long studyId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        double grace = 0;
        foreach (FrozenTrial trial in storage.GetTrials(studyId, [TrialState.Running]))
        {
            if (trial.SystemAttributes.TryGetValue(StorageAttributes.HeartbeatGrace, out object? value) && value is not null
                && double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                // The largest grace of the running trials: no trial is failed before its own grace has passed.
                grace = Math.Max(grace, seconds);
            }
        }

        return grace > 0 ? storage.FailStaleTrials(studyId, TimeSpan.FromSeconds(grace), requeue: false) : [];
    }
}
