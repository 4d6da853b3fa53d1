namespace Wnn.Tracking.MLflow;

/// <summary>Where MLflow runs go: a tracking server's REST API (<see cref="MlflowClient"/>) or a local file store (<see cref="MlflowFileStore"/>).</summary>
public interface IMlflowStore : IDisposable
{
    /// <summary>The experiment id of <paramref name="name"/>, creating the experiment when there is none by that name.</summary>
    Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct);

    /// <summary>Creates a run (status RUNNING) and returns its run_id.</summary>
    Task<string> CreateRunAsync(string experimentId, string runName, long startTime, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    /// <summary>Logs metrics, params and tags, within <see cref="MlflowLimits"/>.</summary>
    Task LogBatchAsync(string runId, IReadOnlyList<MlflowMetric> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    /// <summary>Stores one file under the run's artifact root; false when the store cannot hold artifacts for this run (nothing was written).</summary>
    Task<bool> LogArtifactAsync(string runId, string fileName, byte[] content, CancellationToken ct);

    /// <summary>Sets a run's status (RUNNING, SCHEDULED, FINISHED, FAILED or KILLED) and end time.</summary>
    Task UpdateRunAsync(string runId, string status, long endTime, CancellationToken ct);
}
