using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>Receives a sweep's progress (from several threads; implementations synchronize).</summary>
public interface ISweepObserver
{
    /// <summary>The sweep starts (or resumes) with this many jobs, of which some are already finished.</summary>
    void Started(SweepDefinition definition, string sweepId, int totalJobs, int finishedJobs, int finishedOk);

    /// <summary>A job starts.</summary>
    void TrialStarted(int job, int trialNumber, IReadOnlyDictionary<string, object?> parameters);

    /// <summary>A job reported metrics.</summary>
    void TrialMetric(int job, MetricReport report);

    /// <summary>A job attempt ended (state, value, reason; requeued when it will run again).</summary>
    void TrialFinished(int job, FrozenTrial trial, string? reason, bool requeued);

    /// <summary>A note (early stopping, interrupt, waiting for other workers).</summary>
    void Note(string message);
}
