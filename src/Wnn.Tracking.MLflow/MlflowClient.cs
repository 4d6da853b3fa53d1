using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Wnn.Tracking.MLflow;

/// <summary>
/// A client of the MLflow tracking server's REST API 2.0: experiments/get-by-name and create, runs/create,
/// runs/log-batch (split to respect <see cref="MlflowLimits"/>) and runs/update. Transient failures (connection errors,
/// 429 and 5xx) are retried with exponential backoff. Artifacts go through the server's artifact proxy
/// (<c>PUT api/2.0/mlflow-artifacts/artifacts/…</c>) when the run's artifact_uri is <c>mlflow-artifacts:</c>.
/// Credentials as MLflow's own client takes them: <c>MLFLOW_TRACKING_TOKEN</c> as a bearer token, else
/// <c>MLFLOW_TRACKING_USERNAME</c> and <c>MLFLOW_TRACKING_PASSWORD</c> as basic authentication.
/// </summary>
public sealed class MlflowClient : IMlflowStore
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string?> _artifactUris = [];
    private readonly int _attempts;
    private readonly TimeSpan _backoff;

    /// <summary>Creates a client of the server at <paramref name="trackingUri"/> (http or https).</summary>
    public MlflowClient(Uri trackingUri, int attempts = 3, TimeSpan? backoff = null, TimeSpan? timeout = null, AuthenticationHeaderValue? authorization = null)
    {
        ArgumentNullException.ThrowIfNull(trackingUri);
        if (trackingUri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"MLflow tracking URI '{trackingUri}' is not http(s)://host:port; only a tracking server's REST API is supported.", nameof(trackingUri));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        string root = trackingUri.AbsoluteUri.TrimEnd('/') + "/";
        _http = new HttpClient { BaseAddress = new Uri(root), Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = authorization;
        _attempts = attempts;
        _backoff = backoff ?? TimeSpan.FromMilliseconds(200);
    }

    /// <summary>
    /// The Authorization header MLflow's client sends for these environment variables: <c>MLFLOW_TRACKING_TOKEN</c> as
    /// <c>Bearer</c> (it wins), else <c>MLFLOW_TRACKING_USERNAME</c> with <c>MLFLOW_TRACKING_PASSWORD</c> as <c>Basic</c>
    /// base64(user:password); null when neither is set. One of username and password without the other is an error.
    /// </summary>
    public static AuthenticationHeaderValue? AuthorizationFrom(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("MLFLOW_TRACKING_TOKEN") is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        string? user = environment("MLFLOW_TRACKING_USERNAME"), password = environment("MLFLOW_TRACKING_PASSWORD");
        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password))
        {
            return null;
        }

        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            throw new ArgumentException($"MLFLOW_TRACKING_{(string.IsNullOrEmpty(user) ? "USERNAME" : "PASSWORD")} is not set but MLFLOW_TRACKING_{(string.IsNullOrEmpty(user) ? "PASSWORD" : "USERNAME")} is; basic authentication needs both (or set MLFLOW_TRACKING_TOKEN)");
        }

        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    /// <inheritdoc />
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

    /// <inheritdoc />
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
        string runId = response?["run"]?["info"]?["run_id"]?.GetValue<string>() ?? throw new MlflowException("runs/create: no run.info.run_id in the response");
        lock (_artifactUris)
        {
            _artifactUris[runId] = response?["run"]?["info"]?["artifact_uri"]?.GetValue<string>();
        }

        return runId;
    }

    /// <summary>
    /// Uploads through the artifact proxy when the run's artifact_uri is <c>mlflow-artifacts:/PATH</c> (a server started
    /// with <c>--serve-artifacts</c>, the default since MLflow 2.0): <c>PUT api/2.0/mlflow-artifacts/artifacts/PATH/FILE</c>
    /// with the file as the body. Any other artifact_uri (s3:, a path on the server) is not reachable by REST: false.
    /// </summary>
    public async Task<bool> LogArtifactAsync(string runId, string fileName, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        string? artifactUri;
        lock (_artifactUris)
        {
            _artifactUris.TryGetValue(runId, out artifactUri);
        }

        if (artifactUri is null)
        {
            (_, JsonNode? run) = await SendAsync(HttpMethod.Get, "api/2.0/mlflow/runs/get?run_id=" + Uri.EscapeDataString(runId), null, ct).ConfigureAwait(false);
            artifactUri = run?["run"]?["info"]?["artifact_uri"]?.GetValue<string>();
        }

        const string Scheme = "mlflow-artifacts:";
        if (artifactUri is null || !artifactUri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        // mlflow-artifacts:/0/RUN/artifacts or mlflow-artifacts://host:port/0/RUN/artifacts: the path after the authority.
        string rest = artifactUri[Scheme.Length..];
        string path = rest.StartsWith("//", StringComparison.Ordinal) ? rest[(rest.IndexOf('/', 2) is int i and >= 0 ? i : rest.Length)..] : rest;
        string target = "api/2.0/mlflow-artifacts/artifacts/" + string.Join('/', (path.Trim('/') + "/" + fileName).Split('/').Select(Uri.EscapeDataString));
        await SendAsync(HttpMethod.Put, target, null, ct, content: content).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task LogBatchAsync(string runId, IReadOnlyList<MlflowMetric> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        foreach (JsonObject body in Batches(runId, metrics, parameters, tags))
        {
            await SendAsync(HttpMethod.Post, "api/2.0/mlflow/runs/log-batch", body, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
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

    private async Task<(HttpStatusCode, JsonNode?)> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct, bool allowNotFound = false, byte[]? content = null)
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
                else if (content is not null)
                {
                    request.Content = new ByteArrayContent(content);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(MimeType(path));
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

    // As MLflow's client guesses it from the file name; YAML and logs are text.
    private static string MimeType(string path) => Path.GetExtension(path.Split('?')[0]) switch
    {
        ".json" => "application/json",
        ".yaml" or ".yml" => "application/x-yaml",
        ".log" or ".txt" => "text/plain",
        ".html" => "text/html",
        _ => "application/octet-stream",
    };

    private static string Short(string s) => s.Length <= 200 ? s : s[..200] + "…";

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
