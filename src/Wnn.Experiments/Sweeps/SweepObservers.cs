using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>Passes every sweep event to several observers in order (the progress display, a tracker, …).</summary>
public sealed class SweepObservers(IReadOnlyList<ISweepObserver> observers) : ISweepObserver
{
    /// <inheritdoc />
    public void Started(SweepDefinition definition, string sweepId, int totalJobs, int finishedJobs, int finishedOk)
    {
        foreach (ISweepObserver o in observers)
        {
            o.Started(definition, sweepId, totalJobs, finishedJobs, finishedOk);
        }
    }

    /// <inheritdoc />
    public void TrialStarted(int job, int trialNumber, IReadOnlyDictionary<string, object?> parameters)
    {
        foreach (ISweepObserver o in observers)
        {
            o.TrialStarted(job, trialNumber, parameters);
        }
    }

    /// <inheritdoc />
    public void TrialMetric(int job, MetricReport report)
    {
        foreach (ISweepObserver o in observers)
        {
            o.TrialMetric(job, report);
        }
    }

    /// <inheritdoc />
    public void TrialFinished(int job, FrozenTrial trial, string? reason, bool requeued)
    {
        foreach (ISweepObserver o in observers)
        {
            o.TrialFinished(job, trial, reason, requeued);
        }
    }

    /// <inheritdoc />
    public void Note(string message)
    {
        foreach (ISweepObserver o in observers)
        {
            o.Note(message);
        }
    }
}
