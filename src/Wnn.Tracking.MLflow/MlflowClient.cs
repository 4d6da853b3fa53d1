using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Wnn.Tracking.MLflow;

/// <summary>
/// A client of the MLflow tracking server's REST API 2.0: experiments/get-by-name and create, runs/create,
/// runs/log-batch (split to respect <see cref="MlflowLimits"/>) and runs/update. Transient failures (connection errors,
/// 429 and 5xx) are retried with exponential backoff.
/// </summary>
public sealed class MlflowClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly int _attempts;
    private readonly TimeSpan _backoff;

    /// <summary>Creates a client of the server at <paramref name="trackingUri"/> (http or https).</summary>
    public MlflowClient(Uri trackingUri, int attempts = 3, TimeSpan? backoff = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(trackingUri);
        if (trackingUri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"MLflow tracking URI '{trackingUri}' is not http(s)://host:port; only a tracking server's REST API is supported.", nameof(trackingUri));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        string root = trackingUri.AbsoluteUri.TrimEnd('/') + "/";
        _http = new HttpClient { BaseAddress = new Uri(root), Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        _attempts = attempts;
        _backoff = backoff ?? TimeSpan.FromMilliseconds(200);
    }

    /// <summary>The experiment id of <paramref name="name"/>, creating the experiment when the server has none by that name.</summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct)
    {
        (HttpStatusCode status, JsonNode? body) = await SendAsync(HttpMethod.Get, "api/2.0/mlflow/experiments/get-by-name?experiment_name=" + Uri.EscapeDataString(name), null, ct, allowNotFound: true).ConfigureAwait(false);
        if (status == HttpStatusCode.OK)
        {
            return body?["experiment"]?["experiment_id"]?.GetValue<string>() ?? throw new MlflowException("experiments/get-by-name: no experiment.experiment_id in the response");
        }

        (_, JsonNode? created) = await SendAsync(HttpMethod.Post, "api/2.0/mlflow/experiments/create", new JsonObject { ["name"] = name }, ct).ConfigureAwait(false);
        return created?["experiment_id"]?.GetValue<string>() ?? throw new MlflowException("experiments/create: no experiment_id in the response");
    }

    /// <summary>Creates a run and returns its run_id.</summary>
    public async Task<string> CreateRunAsync(string experimentId, string runName, long startTime, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var body = new JsonObject
        {
            ["experiment_id"] = experimentId,
            ["run_name"] = runName,
            ["start_time"] = startTime,
            ["tags"] = Pairs(tags.Take(MlflowLimits.TagsPerBatch), MlflowLimits.TagValueLength),
        };
        (_, JsonNode? response) = await SendAsync(HttpMethod.Post, "api/2.0/mlflow/runs/create", body, ct).ConfigureAwait(false);
        return response?["run"]?["info"]?["run_id"]?.GetValue<string>() ?? throw new MlflowException("runs/create: no run.info.run_id in the response");
    }

    /// <summary>Logs metrics, params and tags in as many log-batch requests as the limits need.</summary>
    public async Task LogBatchAsync(string runId, IReadOnlyList<MlflowMetric> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        foreach (JsonObject body in Batches(runId, metrics, parameters, tags))
        {
            await SendAsync(HttpMethod.Post, "api/2.0/mlflow/runs/log-batch", body, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Sets a run's status (RUNNING, SCHEDULED, FINISHED, FAILED or KILLED) and end time.</summary>
    public async Task UpdateRunAsync(string runId, string status, long endTime, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, "api/2.0/mlflow/runs/update", new JsonObject { ["run_id"] = runId, ["status"] = status, ["end_time"] = endTime }, ct).ConfigureAwait(false);

    /// <summary>Splits the data into log-batch bodies within the count limits and the 1 MB body limit, params and tags first.</summary>
    internal static IEnumerable<JsonObject> Batches(string runId, IReadOnlyList<MlflowMetric> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        List<KeyValuePair<string, string>> ps = [.. parameters], ts = [.. tags];
        int p = 0, t = 0, m = 0;
        while (p < ps.Count || t < ts.Count || m < metrics.Count)
        {
            int np = Math.Min(MlflowLimits.ParamsPerBatch, ps.Count - p);
            int nt = Math.Min(MlflowLimits.TagsPerBatch, ts.Count - t);
            int nm = Math.Min(Math.Min(MlflowLimits.MetricsPerBatch, MlflowLimits.ItemsPerBatch - np - nt), metrics.Count - m);

            // Long param values (6,000 characters each) can pass 1 MB before the counts do: halve until the body fits.
            JsonObject body;
            while (true)
            {
                body = new JsonObject
                {
                    ["run_id"] = runId,
                    ["metrics"] = new JsonArray([.. metrics.Skip(m).Take(nm).Select(x => (JsonNode)new JsonObject
                    {
                        ["key"] = Cut(x.Key, MlflowLimits.KeyLength),
                        ["value"] = double.IsFinite(x.Value) ? x.Value : 0,
                        ["timestamp"] = x.Timestamp,
                        ["step"] = x.Step,
                    })]),
                    ["params"] = Pairs(ps.Skip(p).Take(np), MlflowLimits.ParamValueLength),
                    ["tags"] = Pairs(ts.Skip(t).Take(nt), MlflowLimits.TagValueLength),
                };
                if (Encoding.UTF8.GetByteCount(body.ToJsonString()) <= MlflowLimits.RequestBytes || np + nt + nm <= 1)
                {
                    break;
                }

                (np, nt, nm) = (np / 2, nt / 2, nm / 2);
                if (np + nt + nm == 0)
                {
                    (np, nt, nm) = (Math.Min(1, ps.Count - p), 0, 0);
                }
            }

            yield return body;
            (p, t, m) = (p + np, t + nt, m + nm);
        }
    }

    private static JsonArray Pairs(IEnumerable<KeyValuePair<string, string>> pairs, int valueLength) =>
        new([.. pairs.Select(kv => (JsonNode)new JsonObject { ["key"] = Cut(kv.Key, MlflowLimits.KeyLength), ["value"] = Cut(kv.Value, valueLength) })]);

    private static string Cut(string s, int length) => s.Length <= length ? s : s[..(length - 1)] + "…";

    private async Task<(HttpStatusCode, JsonNode?)> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct, bool allowNotFound = false)
    {
        Exception? last = null;
        for (int attempt = 1; attempt <= _attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_backoff * Math.Pow(2, attempt - 2), ct).ConfigureAwait(false);
            }

            try
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                using HttpResponseMessage response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                string text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
                {
                    return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
                }

                string message = $"{path.Split('?')[0]}: HTTP {(int)response.StatusCode} {Short(text)}";
                if ((int)response.StatusCode is not (429 or >= 500))
                {
                    throw new MlflowException(message);
                }

                last = new MlflowException(message);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
            {
                last = ex;
            }
        }

        throw new MlflowException($"{path.Split('?')[0]}: {last?.Message} (after {_attempts} attempts)", last);
    }

    private static string Short(string s) => s.Length <= 200 ? s : s[..200] + "…";

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
