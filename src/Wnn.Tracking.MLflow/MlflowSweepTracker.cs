using System.Collections;
using System.Globalization;
using System.Threading.Channels;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Tracking.MLflow;

/// <summary>
/// Logs each finished sweep trial as an MLflow run: the experiment named after the sweep (created when missing), the
/// swept and fixed config flattened as params, every reported metric with its step, tags (sweep, job, trial number,
/// state, reason), the status and the start and end times. The work runs on a background queue, so the sweep never
/// waits for the tracking server; a run that fails to log is kept and sent again after the next trial and at the end.
/// The first failure prints one warning line; tracking never fails the sweep.
/// </summary>
public sealed class MlflowSweepTracker : ISweepObserver, IAsyncDisposable
{
    private readonly IMlflowStore _client;
    private readonly Uri _uri;
    private readonly TextWriter _warnings;
    private readonly TimeSpan _drain;
    private readonly Channel<PendingRun> _queue = Channel.CreateUnbounded<PendingRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<int, List<MlflowMetric>> _metrics = [];
    private readonly Lock _gate = new();
    private readonly Task _worker;
    private readonly CancellationTokenSource _stop = new();
    private SweepDefinition? _definition;
    private string? _sweepId;
    private string? _experimentId;
    private bool _warned;
    private bool _artifactsWarned;

    /// <summary>
    /// Creates the tracker (a REST client for http(s), a <see cref="MlflowFileStore"/> for file:, unless
    /// <paramref name="client"/> is given); <paramref name="drain"/> bounds how long <see cref="DisposeAsync"/> keeps
    /// trying to send what is left (default 15 s).
    /// </summary>
    public MlflowSweepTracker(Uri trackingUri, TextWriter? warnings = null, TimeSpan? drain = null, IMlflowStore? client = null)
    {
        _uri = trackingUri ?? throw new ArgumentNullException(nameof(trackingUri));
        _client = client ?? Open(trackingUri, Environment.GetEnvironmentVariable);
        _warnings = warnings ?? Console.Error;
        _drain = drain ?? TimeSpan.FromSeconds(15);
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>Runs logged so far.</summary>
    public int Logged { get; private set; }

    /// <summary>Runs that could not be logged (after the final drain).</summary>
    public int NotLogged { get; private set; }

    /// <summary>
    /// The tracking URI from <c>--mlflow-uri</c>, else the sweep config's <c>tracking.mlflow_uri</c>, else
    /// <c>MLFLOW_TRACKING_URI</c>, else null (no tracking). <c>file:PATH</c> (relative to the current directory, as
    /// MLflow reads it) becomes an absolute file URI. Throws <see cref="ArgumentException"/> for anything else than
    /// http(s) and file.
    /// </summary>
    public static Uri? ResolveUri(string? option, string? environment = null, string? config = null)
    {
        string? text = !string.IsNullOrWhiteSpace(option) ? option
            : !string.IsNullOrWhiteSpace(config) ? config
            : environment ?? Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.StartsWith("file:", StringComparison.Ordinal))
        {
            string path = text.StartsWith("file://", StringComparison.Ordinal) ? text["file://".Length..] : text["file:".Length..];
            if (path.Length == 0 || (text.StartsWith("file://", StringComparison.Ordinal) && !path.StartsWith('/')))
            {
                throw new ArgumentException($"MLflow tracking URI '{text}' is not accepted; give file:./mlruns, file:/abs/mlruns or file:///abs/mlruns");
            }

            return new Uri(Path.GetFullPath(Uri.UnescapeDataString(path)));
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"MLflow tracking URI '{text}' is not accepted; give http://host:port (or https://) of a tracking server, or file:./mlruns for a file store");
        }

        return uri;
    }

    /// <summary>The store for a resolved URI: the file store for file:, else a REST client with the credentials of <paramref name="environment"/>.</summary>
    public static IMlflowStore Open(Uri uri, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Scheme == "file" ? new MlflowFileStore(uri.LocalPath) : new MlflowClient(uri, authorization: MlflowClient.AuthorizationFrom(environment));
    }

    /// <inheritdoc />
    public void Started(SweepDefinition definition, string sweepId, int totalJobs, int finishedJobs, int finishedOk)
    {
        lock (_gate)
        {
            _definition = definition;
            _sweepId = sweepId;
        }
    }

    /// <inheritdoc />
    public void TrialStarted(int job, int trialNumber, IReadOnlyDictionary<string, object?> parameters)
    {
        lock (_gate)
        {
            _metrics[job] = [];
        }
    }

    /// <inheritdoc />
    public void TrialMetric(int job, MetricReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            List<MlflowMetric> list = _metrics.TryGetValue(job, out List<MlflowMetric>? l) ? l : _metrics[job] = [];
            long step = report.Step ?? list.Select(m => m.Step + 1).DefaultIfEmpty(0).Max();
            list.AddRange(report.Values.Select(kv => new MlflowMetric(kv.Key, kv.Value, now, step)));
        }
    }

    /// <inheritdoc />
    public void TrialFinished(int job, FrozenTrial trial, string? reason, bool requeued)
    {
        ArgumentNullException.ThrowIfNull(trial);
        PendingRun run;
        lock (_gate)
        {
            List<MlflowMetric> metrics = _metrics.Remove(job, out List<MlflowMetric>? l) ? l : [];
            long end = (trial.Completed ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();
            if (trial.Values is { Count: > 0 } values && _definition?.Optimization.TargetMetric is { } target && !metrics.Any(m => m.Key == target))
            {
                metrics.Add(new MlflowMetric(target, values[0], end, metrics.Select(m => m.Step).DefaultIfEmpty(0).Max()));
            }

            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Flatten("", _definition?.Config, parameters);
            foreach (KeyValuePair<string, object?> p in trial.Params)
            {
                parameters[p.Key] = Text(p.Value);
            }

            var tags = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["wnn.sweep_id"] = _sweepId ?? "",
                ["wnn.job"] = job.ToString(CultureInfo.InvariantCulture),
                ["wnn.trial_number"] = trial.Number.ToString(CultureInfo.InvariantCulture),
                ["wnn.state"] = trial.State.ToString().ToLowerInvariant(),
                ["wnn.requeued"] = requeued ? "true" : "false",
            };
            if (reason is not null)
            {
                tags["wnn.reason"] = reason;
            }

            run = new PendingRun
            {
                Artifacts = Artifacts(trial),
                Experiment = _definition?.Name ?? _sweepId ?? "wnn-sweep",
                Name = $"{_sweepId ?? "sweep"}-job{job}-trial{trial.Number}",
                Start = (trial.Started ?? trial.Completed ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
                End = end,
                Status = Status(trial.State),
                Metrics = metrics,
                Params = parameters,
                Tags = tags,
            };
        }

        _queue.Writer.TryWrite(run);
    }

    /// <inheritdoc />
    public void Note(string message)
    {
    }

    /// <summary>MLflow's run status for a finished trial state.</summary>
    public static string Status(TrialState state) => state switch
    {
        TrialState.Complete => "FINISHED",
        TrialState.Failed => "FAILED",
        TrialState.Pruned => "KILLED",
        TrialState.Waiting => "SCHEDULED",
        _ => "RUNNING",
    };

    /// <summary>Sends what is queued or pending (within the drain time), then warns about any run left unlogged.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _stop.CancelAfter(_drain);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (NotLogged > 0)
        {
            _warnings.WriteLine($"warning: MLflow: {NotLogged} run(s) of this sweep could not be logged to {_uri}; the sweep's own records are complete");
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        var pending = new List<PendingRun>();
        await foreach (PendingRun run in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            pending.Add(run);
            await SendAllAsync(pending).ConfigureAwait(false);
        }

        // The sweep ended: keep resending what is left until the drain time runs out.
        for (int round = 0; pending.Count > 0 && !_stop.IsCancellationRequested; round++)
        {
            await SendAllAsync(pending).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Min(8, 1 << round)), _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        NotLogged = pending.Count;
    }

    private async Task SendAllAsync(List<PendingRun> pending)
    {
        while (pending.Count > 0)
        {
            try
            {
                await SendAsync(pending[0], _stop.Token).ConfigureAwait(false);
                pending.RemoveAt(0);
                Logged++;
            }
            catch (Exception ex) when (ex is MlflowException or OperationCanceledException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
            {
                if (!_warned)
                {
                    _warned = true;
                    _warnings.WriteLine($"warning: MLflow tracking at {_uri} failed ({ex.Message}); the sweep goes on and unlogged runs are sent again later");
                }

                return;
            }
        }
    }

    private async Task SendAsync(PendingRun run, CancellationToken ct)
    {
        _experimentId ??= await _client.GetOrCreateExperimentAsync(run.Experiment, ct).ConfigureAwait(false);
        run.RunId ??= await _client.CreateRunAsync(_experimentId, run.Name, run.Start, new Dictionary<string, string> { ["mlflow.runName"] = run.Name }, ct).ConfigureAwait(false);
        if (!run.BatchLogged)
        {
            await _client.LogBatchAsync(run.RunId, run.Metrics, run.Params, run.Tags, ct).ConfigureAwait(false);
            run.BatchLogged = true;
        }

        while (run.Artifacts.Count > 0)
        {
            (string name, byte[] content) = run.Artifacts[0];
            if (!await _client.LogArtifactAsync(run.RunId, name, content, ct).ConfigureAwait(false) && !_artifactsWarned)
            {
                _artifactsWarned = true;
                _warnings.WriteLine($"note: MLflow at {_uri} does not proxy artifacts for these runs (artifact_uri is not mlflow-artifacts:); cfg.yaml and run.log stay in the run directories");
            }

            run.Artifacts.RemoveAt(0);
        }

        await _client.UpdateRunAsync(run.RunId, run.Status, run.End, ct).ConfigureAwait(false);
    }

    /// <summary>The artifacts a run carries: cfg.yaml and run.log of the trial's run directory, as they are when it finishes (read now: a requeued job reuses the directory).</summary>
    private static List<(string Name, byte[] Content)> Artifacts(FrozenTrial trial)
    {
        var artifacts = new List<(string, byte[])>();
        if (trial.UserAttributes.TryGetValue(SweepController.RunDirAttribute, out object? dir) && dir is string runDir)
        {
            foreach (string name in ArtifactFiles)
            {
                string path = Path.Combine(runDir, name);
                try
                {
                    if (File.Exists(path) && new FileInfo(path).Length <= MaxArtifactBytes)
                    {
                        artifacts.Add((name, File.ReadAllBytes(path)));
                    }
                }
                catch (IOException)
                {
                    // A file that cannot be read is not logged; the run directory keeps it.
                }
            }
        }

        return artifacts;
    }

    /// <summary>The run directory's files logged as artifacts.</summary>
    public static readonly IReadOnlyList<string> ArtifactFiles = ["cfg.yaml", "run.log"];

    private const long MaxArtifactBytes = 64L * 1024 * 1024;

    /// <summary>Nested maps as dotted keys (a.b.c), lists as JSON-like text.</summary>
    internal static void Flatten(string prefix, object? value, IDictionary<string, string> into)
    {
        if (value is IReadOnlyDictionary<string, object?> map)
        {
            foreach (KeyValuePair<string, object?> kv in map)
            {
                Flatten(prefix.Length == 0 ? kv.Key : prefix + "." + kv.Key, kv.Value, into);
            }
        }
        else if (value is IDictionary<string, object?> dict)
        {
            foreach (KeyValuePair<string, object?> kv in dict)
            {
                Flatten(prefix.Length == 0 ? kv.Key : prefix + "." + kv.Key, kv.Value, into);
            }
        }
        else if (prefix.Length > 0)
        {
            into[prefix] = Text(value);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "True" : "False",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };

    private sealed class PendingRun
    {
        public required string Experiment { get; init; }

        public required string Name { get; init; }

        public required long Start { get; init; }

        public required long End { get; init; }

        public required string Status { get; init; }

        public required List<MlflowMetric> Metrics { get; init; }

        public required IReadOnlyDictionary<string, string> Params { get; init; }

        public required IReadOnlyDictionary<string, string> Tags { get; init; }

        public required List<(string Name, byte[] Content)> Artifacts { get; init; }

        public string? RunId { get; set; }

        public bool BatchLogged { get; set; }
    }
}
