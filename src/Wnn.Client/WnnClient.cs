using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wnn.Client;

/// <summary>Typed HTTP client of the <c>wnn serve</c> REST API (flows, checkpoints, experiments, sweeps, studies, health, snapshot).</summary>
public sealed class WnnClient : IDisposable
{
    /// <summary>Server URL used when neither <c>--url</c> nor <c>WNN_URL</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Wraps an <see cref="HttpClient"/> whose base address is the server URL.</summary>
    public WnnClient(HttpClient http, string? apiToken = null, bool ownsHttp = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress (the server URL)", nameof(http));
        }

        _http = http;
        _ownsHttp = ownsHttp;
        if (!string.IsNullOrEmpty(apiToken))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        }
    }

    /// <summary>Creates a client for <paramref name="baseUrl"/> with its own <see cref="HttpClient"/>.</summary>
    public static WnnClient Create(Uri baseUrl, string? apiToken = null, TimeSpan? timeout = null) =>
        new(new HttpClient { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) }, apiToken, ownsHttp: true);

    /// <summary>The server URL.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>True when the server answers its health endpoint.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary><c>GET /api/health</c>.</summary>
    public Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken) => GetAsync<HealthResponse>("api/health", cancellationToken);

    /// <summary><c>GET /api/snapshot</c>.</summary>
    public Task<DashboardSnapshot> GetSnapshotAsync(CancellationToken cancellationToken) => GetAsync<DashboardSnapshot>("api/snapshot", cancellationToken);

    /// <summary><c>GET /api/config/schema</c>: every configuration key the server's executor reads, with its default, range and documentation.</summary>
    public Task<JsonElement> GetConfigSchemaAsync(CancellationToken cancellationToken) => GetAsync<JsonElement>("api/config/schema", cancellationToken);

    /// <summary><c>GET /api/flows[?status=…]</c>.</summary>
    public Task<IReadOnlyList<FlowRecord>> ListFlowsAsync(FlowStatus? status, CancellationToken cancellationToken) =>
        GetAllPagesAsync<FlowRecord>(status is FlowStatus s ? $"api/flows?status={s.ToName()}&limit=500" : "api/flows?limit=500", "cursor", cancellationToken);

    /// <summary><c>GET /api/flows/{id}</c>.</summary>
    public Task<FlowRecord> GetFlowAsync(long id, CancellationToken cancellationToken) => GetAsync<FlowRecord>($"api/flows/{id}", cancellationToken);

    /// <summary><c>POST /api/flows</c>.</summary>
    public Task<FlowRecord> CreateFlowAsync(CreateFlowRequest request, CancellationToken cancellationToken) =>
        SendAsync<FlowRecord>(HttpMethod.Post, "api/flows", request, cancellationToken);

    /// <summary><c>PATCH /api/flows/{id}</c>.</summary>
    public Task<FlowRecord> UpdateFlowAsync(long id, UpdateFlowRequest request, CancellationToken cancellationToken) =>
        SendAsync<FlowRecord>(HttpMethod.Patch, $"api/flows/{id}", request, cancellationToken);

    /// <summary><c>DELETE /api/flows/{id}</c>.</summary>
    public Task DeleteFlowAsync(long id, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, $"api/flows/{id}", cancellationToken);

    /// <summary><c>POST /api/flows/{id}/queue</c>.</summary>
    public Task<FlowRecord> QueueFlowAsync(long id, CancellationToken cancellationToken) =>
        SendAsync<FlowRecord>(HttpMethod.Post, $"api/flows/{id}/queue", null, cancellationToken);

    /// <summary><c>POST /api/flows/{id}/stop</c>.</summary>
    public Task<FlowRecord> StopFlowAsync(long id, CancellationToken cancellationToken) =>
        SendAsync<FlowRecord>(HttpMethod.Post, $"api/flows/{id}/stop", null, cancellationToken);

    /// <summary><c>POST /api/flows/{id}/restart</c>.</summary>
    public Task<FlowRecord> RestartFlowAsync(long id, CancellationToken cancellationToken) =>
        SendAsync<FlowRecord>(HttpMethod.Post, $"api/flows/{id}/restart", null, cancellationToken);

    /// <summary><c>POST /api/flows/{id}/restart</c> with a body: from a phase, optionally with a new config.</summary>
    public Task<FlowRecord> RestartFlowAsync(long id, RestartFlowRequest request, CancellationToken cancellationToken) =>
        SendAsync<FlowRecord>(HttpMethod.Post, $"api/flows/{id}/restart", request, cancellationToken);

    /// <summary><c>GET /api/flows/{id}/experiments</c>.</summary>
    public Task<IReadOnlyList<ExperimentRecord>> ListFlowExperimentsAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ExperimentRecord>>($"api/flows/{id}/experiments", cancellationToken);

    /// <summary><c>GET /api/checkpoints[?final_only=true]</c>.</summary>
    public Task<IReadOnlyList<CheckpointRecord>> ListCheckpointsAsync(bool finalOnly, CancellationToken cancellationToken) =>
        GetAllPagesAsync<CheckpointRecord>(finalOnly ? "api/checkpoints?final_only=true&limit=500" : "api/checkpoints?limit=500", "cursor", cancellationToken);

    /// <summary><c>GET /api/checkpoints/{id}</c>.</summary>
    public Task<CheckpointRecord> GetCheckpointAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<CheckpointRecord>($"api/checkpoints/{id}", cancellationToken);

    /// <summary><c>POST /api/checkpoints</c>.</summary>
    public Task<CheckpointRecord> RegisterCheckpointAsync(CreateCheckpointRequest request, CancellationToken cancellationToken) =>
        SendAsync<CheckpointRecord>(HttpMethod.Post, "api/checkpoints", request, cancellationToken);

    /// <summary><c>POST /api/checkpoints?dry_run=true</c>: the server's checks without registering (throws what the real call would).</summary>
    public Task<CheckpointRecord> CheckCheckpointAsync(CreateCheckpointRequest request, CancellationToken cancellationToken) =>
        SendAsync<CheckpointRecord>(HttpMethod.Post, "api/checkpoints?dry_run=true", request, cancellationToken);

    /// <summary><c>DELETE /api/checkpoints/{id}[?force=true]</c>.</summary>
    public Task DeleteCheckpointAsync(long id, bool force, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, force ? $"api/checkpoints/{id}?force=true" : $"api/checkpoints/{id}", cancellationToken);

    /// <summary><c>GET /api/checkpoints/{id}/download</c> into <paramref name="destination"/>.</summary>
    public async Task DownloadCheckpointAsync(long id, Stream destination, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri($"api/checkpoints/{id}/download", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await response.Content.CopyToAsync(destination, cancellationToken);
    }

    /// <summary><c>GET /api/experiments[?flow_id=…]</c>.</summary>
    public Task<IReadOnlyList<ExperimentRecord>> ListExperimentsAsync(long? flowId, CancellationToken cancellationToken) =>
        GetAllPagesAsync<ExperimentRecord>(flowId is long f ? $"api/experiments?flow_id={f}" : "api/experiments?limit=500", "cursor", cancellationToken);

    /// <summary><c>GET /api/experiments/{id}</c>.</summary>
    public Task<ExperimentRecord> GetExperimentAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<ExperimentRecord>($"api/experiments/{id}", cancellationToken);

    /// <summary><c>POST /api/experiments</c>.</summary>
    public Task<ExperimentRecord> CreateExperimentAsync(CreateExperimentRequest request, CancellationToken cancellationToken) =>
        SendAsync<ExperimentRecord>(HttpMethod.Post, "api/experiments", request, cancellationToken);

    /// <summary><c>GET /api/experiments/{id}/iterations</c>.</summary>
    public Task<IReadOnlyList<IterationRecord>> ListIterationsAsync(long experimentId, CancellationToken cancellationToken) =>
        GetAllPagesAsync<IterationRecord>($"api/experiments/{experimentId}/iterations?limit=500", "after", cancellationToken);

    /// <summary><c>GET /api/sweeps</c>: the sweeps under the server's sweeps directory, newest first.</summary>
    public Task<IReadOnlyList<StudyRecord>> ListSweepsAsync(CancellationToken cancellationToken) =>
        GetAllPagesAsync<StudyRecord>("api/sweeps?limit=500", "cursor", cancellationToken);

    /// <summary><c>GET /api/sweeps/{id}</c>.</summary>
    public Task<StudyRecord> GetSweepAsync(string id, CancellationToken cancellationToken) =>
        GetAsync<StudyRecord>($"api/sweeps/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary><c>GET /api/sweeps/{id}/trials</c>, every page.</summary>
    public Task<IReadOnlyList<TrialRecord>> ListSweepTrialsAsync(string id, CancellationToken cancellationToken) =>
        GetAllPagesAsync<TrialRecord>($"api/sweeps/{Uri.EscapeDataString(id)}/trials?limit=500", "after", cancellationToken);

    /// <summary><c>GET /api/sweeps/{id}/report</c>.</summary>
    public Task<StudyReportRecord> GetSweepReportAsync(string id, CancellationToken cancellationToken) =>
        GetAsync<StudyReportRecord>($"api/sweeps/{Uri.EscapeDataString(id)}/report", cancellationToken);

    /// <summary><c>GET /api/sweeps/{id}/trials/{number}/log</c>: the tail of the trial's run.log.</summary>
    public async Task<string> GetSweepTrialLogAsync(string id, int number, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri($"api/sweeps/{Uri.EscapeDataString(id)}/trials/{number}/log", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary><c>GET /api/studies</c>: the studies of the server's study storage, newest first.</summary>
    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken) =>
        GetAllPagesAsync<StudyRecord>("api/studies?limit=500", "cursor", cancellationToken);

    /// <summary><c>GET /api/studies/{id}</c>.</summary>
    public Task<StudyRecord> GetStudyAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<StudyRecord>($"api/studies/{id}", cancellationToken);

    /// <summary><c>GET /api/studies/{id}/trials</c>, every page.</summary>
    public Task<IReadOnlyList<TrialRecord>> ListStudyTrialsAsync(long id, CancellationToken cancellationToken) =>
        GetAllPagesAsync<TrialRecord>($"api/studies/{id}/trials?limit=500", "after", cancellationToken);

    /// <summary><c>GET /api/studies/{id}/report</c>.</summary>
    public Task<StudyReportRecord> GetStudyReportAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<StudyReportRecord>($"api/studies/{id}/report", cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Follows a paged list (<c>X-Next-Cursor</c>, passed back as <paramref name="cursorName"/>) to its end.</summary>
    private async Task<IReadOnlyList<T>> GetAllPagesAsync<T>(string path, string cursorName, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string next = path;
        while (true)
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri(next, UriKind.Relative), cancellationToken);
            string? cursor = response.Headers.TryGetValues("X-Next-Cursor", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
            all.AddRange(await ReadAsync<IReadOnlyList<T>>(response, cancellationToken));
            if (string.IsNullOrEmpty(cursor))
            {
                return all;
            }

            next = $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{cursorName}={Uri.EscapeDataString(cursor)}";
        }
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: StoreJson.Options);
        }

        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(StoreJson.Options, cancellationToken)
            ?? throw new WnnApiException(response.StatusCode, "empty response", null);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        string title = response.ReasonPhrase ?? response.StatusCode.ToString();
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(text);
            JsonElement root = problem.RootElement;
            if (root.TryGetProperty("title", out JsonElement t) && t.ValueKind == JsonValueKind.String)
            {
                title = t.GetString()!;
            }

            if (root.TryGetProperty("detail", out JsonElement d) && d.ValueKind == JsonValueKind.String)
            {
                detail = d.GetString();
            }

            if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Object)
            {
                var joined = new StringBuilder();
                foreach (JsonProperty field in errors.EnumerateObject())
                {
                    foreach (JsonElement message in field.Value.EnumerateArray())
                    {
                        joined.Append(joined.Length == 0 ? "" : "; ").Append(CultureInfo.InvariantCulture, $"{field.Name}: {message.GetString()}");
                    }
                }

                detail = joined.ToString();
            }
        }
        catch (JsonException)
        {
            detail = text.Length > 200 ? text[..200] : text;
        }

        throw new WnnApiException(response.StatusCode == 0 ? HttpStatusCode.InternalServerError : response.StatusCode, title, detail);
    }
}
