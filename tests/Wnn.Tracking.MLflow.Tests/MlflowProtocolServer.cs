using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Wnn.Tracking.MLflow.Tests;

/// <summary>
/// A loopback HTTP server that speaks MLflow's REST API 2.0 as documented (mlflow.org/docs/latest/rest-api.html:
/// experiments/get-by-name, experiments/create, runs/create, runs/log-batch, runs/update) and refuses, with 400 and
/// INVALID_PARAMETER_VALUE, any request whose shape differs: wrong method or content type, unknown or missing fields,
/// wrong types, an unknown run or experiment, a changed param, or one over the log-batch limits. It also serves the
/// artifact proxy as <c>mlflow server --serve-artifacts</c> does (runs' artifact_uri <c>mlflow-artifacts:/EXP/RUN/artifacts</c>,
/// <c>PUT /api/2.0/mlflow-artifacts/artifacts/EXP/RUN/artifacts/FILE</c>), and with <see cref="RequiredAuthorization"/>
/// answers 401 to any request without that Authorization header, as MLflow's basic-auth app does.
/// </summary>
internal sealed class MlflowProtocolServer : IDisposable
{
    private static readonly string[] Statuses = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"];
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();

    public MlflowProtocolServer()
    {
        int port = FreePort();
        Uri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Uri.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Uri { get; }

    /// <summary>Requests answered 503 before the server starts working (a server that is down for a while).</summary>
    public int FailFirst { get; set; }

    public List<string> Requests { get; } = [];

    /// <summary>The Authorization header every request must carry (null: none needed).</summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>Whether runs get an mlflow-artifacts: artifact_uri (the proxy); false gives s3:, which a REST client cannot reach.</summary>
    public bool ServeArtifacts { get; set; } = true;

    /// <summary>Uploaded artifacts by path below /api/2.0/mlflow-artifacts/artifacts/, with their content type.</summary>
    public Dictionary<string, (byte[] Content, string? ContentType)> Artifacts { get; } = [];

    public List<string> Refusals { get; } = [];

    public Dictionary<string, string> Experiments { get; } = [];

    public Dictionary<string, Run> Runs { get; } = [];

    public sealed class Run
    {
        public required string ExperimentId { get; init; }

        public required string Name { get; init; }

        public required long StartTime { get; init; }

        public string Status { get; set; } = "RUNNING";

        public long? EndTime { get; set; }

        public Dictionary<string, string> Params { get; } = [];

        public Dictionary<string, string> Tags { get; } = [];

        public List<(string Key, double Value, long Timestamp, long Step)> Metrics { get; } = [];

        public int Batches { get; set; }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            (int status, JsonNode body) = Handle(context.Request);
            byte[] bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int, JsonNode) Handle(HttpListenerRequest request)
    {
        lock (_gate)
        {
            string path = request.Url!.AbsolutePath;
            Requests.Add(request.HttpMethod + " " + path);
            if (FailFirst > 0)
            {
                FailFirst--;
                return (503, Error("TEMPORARILY_UNAVAILABLE", "down for maintenance"));
            }

            if (RequiredAuthorization is not null && request.Headers["Authorization"] != RequiredAuthorization)
            {
                Refusals.Add(path + ": 401 without the credentials");
                return (401, Error("UNAUTHENTICATED", "You are not authenticated. Please see the documentation for details."));
            }

            const string ArtifactRoot = "/api/2.0/mlflow-artifacts/artifacts/";
            if (path.StartsWith(ArtifactRoot, StringComparison.Ordinal))
            {
                try
                {
                    return PutArtifact(request, Uri.UnescapeDataString(path[ArtifactRoot.Length..]));
                }
                catch (ProtocolError e)
                {
                    Refusals.Add(path + ": " + e.Message);
                    return (400, Error("INVALID_PARAMETER_VALUE", e.Message));
                }
            }

            try
            {
                return path switch
                {
                    "/api/2.0/mlflow/experiments/get-by-name" => GetByName(request),
                    "/api/2.0/mlflow/experiments/create" => CreateExperiment(Body(request, ["name", "artifact_location", "tags"])),
                    "/api/2.0/mlflow/runs/create" => CreateRun(Body(request, ["experiment_id", "user_id", "run_name", "start_time", "tags"])),
                    "/api/2.0/mlflow/runs/log-batch" => LogBatch(request),
                    "/api/2.0/mlflow/runs/get" => GetRun(request),
                    "/api/2.0/mlflow/runs/update" => Update(Body(request, ["run_id", "run_uuid", "status", "end_time", "run_name"])),
                    _ => (404, Error("ENDPOINT_NOT_FOUND", "no endpoint " + path)),
                };
            }
            catch (ProtocolError e)
            {
                Refusals.Add(path + ": " + e.Message);
                return (400, Error("INVALID_PARAMETER_VALUE", e.Message));
            }
        }
    }

    private (int, JsonNode) GetByName(HttpListenerRequest request)
    {
        Check(request.HttpMethod == "GET", "get-by-name is a GET");
        string name = request.QueryString["experiment_name"] ?? throw new ProtocolError("experiment_name is required");
        return Experiments.TryGetValue(name, out string? id)
            ? (200, new JsonObject { ["experiment"] = new JsonObject { ["experiment_id"] = id, ["name"] = name, ["lifecycle_stage"] = "active" } })
            : (404, Error("RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'"));
    }

    private (int, JsonNode) CreateExperiment(JsonObject body)
    {
        string name = String(body, "name", required: true)!;
        if (Experiments.ContainsKey(name))
        {
            return (400, Error("RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists."));
        }

        string id = (Experiments.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Experiments[name] = id;
        return (200, new JsonObject { ["experiment_id"] = id });
    }

    private (int, JsonNode) CreateRun(JsonObject body)
    {
        string experiment = String(body, "experiment_id", required: true)!;
        Check(Experiments.ContainsValue(experiment), $"no experiment {experiment}");
        var run = new Run { ExperimentId = experiment, Name = String(body, "run_name") ?? "", StartTime = Int64(body, "start_time") ?? 0 };
        foreach ((string k, string v) in Pairs(body, "tags", 5000))
        {
            run.Tags[k] = v;
        }

        string id = Guid.NewGuid().ToString("N");
        Runs[id] = run;
        return (200, new JsonObject
        {
            ["run"] = new JsonObject
            {
                ["info"] = Info(id, run),
                ["data"] = new JsonObject(),
            },
        });
    }

    private JsonObject Info(string id, Run run) => new()
    {
        ["run_id"] = id,
        ["run_uuid"] = id,
        ["experiment_id"] = run.ExperimentId,
        ["run_name"] = run.Name,
        ["status"] = run.Status,
        ["start_time"] = run.StartTime,
        ["artifact_uri"] = (ServeArtifacts ? "mlflow-artifacts:/" : "s3://bucket/") + $"{run.ExperimentId}/{id}/artifacts",
    };

    private (int, JsonNode) GetRun(HttpListenerRequest request)
    {
        Check(request.HttpMethod == "GET", "runs/get is a GET");
        string id = request.QueryString["run_id"] ?? throw new ProtocolError("run_id is required");
        return Runs.TryGetValue(id, out Run? run)
            ? (200, new JsonObject { ["run"] = new JsonObject { ["info"] = Info(id, run), ["data"] = new JsonObject() } })
            : (404, Error("RESOURCE_DOES_NOT_EXIST", $"Run '{id}' not found"));
    }

    private (int, JsonNode) PutArtifact(HttpListenerRequest request, string path)
    {
        Check(request.HttpMethod == "PUT", "an artifact upload is a PUT");
        string[] parts = path.Split('/');
        Check(parts.Length >= 4 && parts[2] == "artifacts" && Runs.TryGetValue(parts[1], out Run? run) && run.ExperimentId == parts[0] && parts[3..].All(p => p.Length > 0 && p != ".."),
            $"'{path}' is not EXP/RUN/artifacts/FILE of a run");
        using var body = new MemoryStream();
        request.InputStream.CopyTo(body);
        Artifacts[path] = (body.ToArray(), request.ContentType);
        return (200, new JsonObject());
    }

    private (int, JsonNode) LogBatch(HttpListenerRequest request)
    {
        Check(request.ContentLength64 <= 1024 * 1024, $"request of {request.ContentLength64} bytes is over 1 MB");
        JsonObject body = Body(request, ["run_id", "metrics", "params", "tags"]);
        Run run = RunOf(body);
        var metrics = (body["metrics"] as JsonArray ?? []).ToList();
        List<(string, string)> ps = Pairs(body, "params", 6000), ts = Pairs(body, "tags", 5000);
        Check(metrics.Count <= 1000, $"A batch logging request can contain at most 1000 metrics. Got {metrics.Count} metrics.");
        Check(ps.Count <= 100, $"A batch logging request can contain at most 100 params. Got {ps.Count} params.");
        Check(ts.Count <= 100, $"A batch logging request can contain at most 100 tags. Got {ts.Count} tags.");
        Check(metrics.Count + ps.Count + ts.Count <= 1000, "A batch logging request can contain at most 1000 metrics, params and tags in total.");
        foreach (JsonNode? m in metrics)
        {
            var o = m as JsonObject ?? throw new ProtocolError("a metric is not an object");
            Check(o.All(kv => kv.Key is "key" or "value" or "timestamp" or "step"), "a metric has an unknown field");
            string key = String(o, "key", required: true)!;
            Check(key.Length <= 250, "metric key over 250 characters");
            Check(o["value"] is JsonValue v && v.TryGetValue(out double _), $"metric {key}: value is not a number");
            long timestamp = Int64(o, "timestamp") ?? throw new ProtocolError($"metric {key}: timestamp is required");
            run.Metrics.Add((key, o["value"]!.GetValue<double>(), timestamp, Int64(o, "step") ?? 0));
        }

        foreach ((string k, string v) in ps)
        {
            Check(!run.Params.TryGetValue(k, out string? old) || old == v, $"param {k} cannot be changed from '{old}' to '{v}'");
            run.Params[k] = v;
        }

        foreach ((string k, string v) in ts)
        {
            run.Tags[k] = v;
        }

        run.Batches++;
        return (200, new JsonObject());
    }

    private (int, JsonNode) Update(JsonObject body)
    {
        Run run = RunOf(body);
        string? status = String(body, "status");
        Check(status is null || Statuses.Contains(status), $"status '{status}' is not one of {string.Join(", ", Statuses)}");
        run.Status = status ?? run.Status;
        run.EndTime = Int64(body, "end_time") ?? run.EndTime;
        return (200, new JsonObject { ["run_info"] = new JsonObject { ["run_id"] = String(body, "run_id"), ["status"] = run.Status, ["end_time"] = run.EndTime } });
    }

    private Run RunOf(JsonObject body)
    {
        string id = String(body, "run_id", required: true)!;
        return Runs.TryGetValue(id, out Run? run) ? run : throw new ProtocolError($"no run {id}");
    }

    private static JsonObject Body(HttpListenerRequest request, string[] fields)
    {
        Check(request.HttpMethod == "POST", "this endpoint is a POST");
        Check(request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true, $"content type must be application/json, got '{request.ContentType}'");
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = JsonNode.Parse(reader.ReadToEnd()) as JsonObject ?? throw new ProtocolError("body is not a JSON object");
        foreach (KeyValuePair<string, JsonNode?> kv in body)
        {
            Check(fields.Contains(kv.Key), $"unknown field '{kv.Key}' (documented: {string.Join(", ", fields)})");
        }

        return body;
    }

    private static List<(string, string)> Pairs(JsonObject body, string field, int valueLength)
    {
        var list = new List<(string, string)>();
        foreach (JsonNode? n in body[field] as JsonArray ?? [])
        {
            var o = n as JsonObject ?? throw new ProtocolError($"{field}: an entry is not an object");
            Check(o.All(kv => kv.Key is "key" or "value"), $"{field}: an entry has a field besides key and value");
            string key = String(o, "key", required: true)!, value = String(o, "value", required: true)!;
            Check(key.Length <= 250, $"{field}: key over 250 characters");
            Check(value.Length <= valueLength, $"{field} {key}: value of {value.Length} characters is over {valueLength}");
            list.Add((key, value));
        }

        return list;
    }

    private static string? String(JsonObject o, string field, bool required = false)
    {
        JsonNode? n = o[field];
        if (n is null)
        {
            return required ? throw new ProtocolError($"{field} is required") : null;
        }

        return n is JsonValue v && v.TryGetValue(out string? s) ? s : throw new ProtocolError($"{field} must be a string");
    }

    private static long? Int64(JsonObject o, string field)
    {
        JsonNode? n = o[field];
        return n is null ? null : n is JsonValue v && v.TryGetValue(out long l) ? l : throw new ProtocolError($"{field} must be an int64");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ProtocolError(message);
        }
    }

    private static JsonObject Error(string code, string message) => new() { ["error_code"] = code, ["message"] = message };

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private sealed class ProtocolError(string message) : Exception(message);
}
