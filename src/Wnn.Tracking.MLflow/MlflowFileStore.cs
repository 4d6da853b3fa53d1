using System.Globalization;
using System.Text;

namespace Wnn.Tracking.MLflow;

/// <summary>
/// MLflow's file store (<c>file:./mlruns</c>), written directly in the layout of MLflow's <c>FileStore</c> so that
/// <c>mlflow ui --backend-store-uri ./mlruns</c> reads it: <c>ROOT/EXPERIMENT_ID/meta.yaml</c> (artifact_location,
/// creation_time, experiment_id, last_update_time, lifecycle_stage, name), <c>ROOT/EXPERIMENT_ID/RUN_ID/meta.yaml</c>
/// (the run info, status as MLflow's RunStatus number), <c>params/KEY</c> (the value), <c>metrics/KEY</c> (one
/// "timestamp value step" line per value), <c>tags/KEY</c> (the value), <c>artifacts/</c>, the default experiment 0 and
/// the <c>.trash</c> folder. Keys with '/' become subdirectories, as MLflow's store makes them. Every file is written
/// whole (temp file + rename); metric files are rewritten with the new lines appended.
/// </summary>
public sealed class MlflowFileStore : IMlflowStore
{
    private readonly string _root;
    private readonly Func<long> _now;
    private readonly Func<string> _newRunId;
    private readonly Func<string> _newExperimentId;
    private readonly Lock _gate = new();

    /// <summary>Opens (creating when missing) the store at <paramref name="root"/>; the clock and id sources are for tests.</summary>
    public MlflowFileStore(string root, Func<long>? now = null, Func<string>? newRunId = null, Func<string>? newExperimentId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        _now = now ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _newRunId = newRunId ?? (() => Guid.NewGuid().ToString("N"));
        _newExperimentId = newExperimentId ?? (() => (Random.Shared.NextInt64(1L << 40, 1L << 62)).ToString(CultureInfo.InvariantCulture));
        if (!Directory.Exists(Path.Combine(_root, "0")))
        {
            Directory.CreateDirectory(_root);
            WriteExperiment("0", "Default");
        }

        Directory.CreateDirectory(Path.Combine(_root, ".trash"));
    }

    /// <summary>The store's root directory (absolute).</summary>
    public string Root => _root;

    /// <summary>The root of a <c>file:</c> tracking URI (<c>file:./mlruns</c>, <c>file:///abs/mlruns</c>), relative paths against the current directory.</summary>
    public static string RootOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri && uri.Scheme == "file" ? uri.LocalPath : throw new ArgumentException($"'{uri}' is not a file: URI");
    }

    /// <inheritdoc />
    public Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            foreach (string dir in Directory.GetDirectories(_root).Order(StringComparer.Ordinal))
            {
                string meta = Path.Combine(dir, "meta.yaml");
                if (Path.GetFileName(dir) != ".trash" && File.Exists(meta) && ReadName(meta) == name)
                {
                    return Task.FromResult(Path.GetFileName(dir));
                }
            }

            string id = _newExperimentId();
            WriteExperiment(id, name);
            return Task.FromResult(id);
        }
    }

    /// <inheritdoc />
    public Task<string> CreateRunAsync(string experimentId, string runName, long startTime, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        string runId = _newRunId();
        string dir = RunDir(experimentId, runId);
        Directory.CreateDirectory(dir);
        WriteRunMeta(experimentId, runId, runName, startTime, endTime: null, status: "RUNNING");
        foreach (string sub in new[] { "metrics", "params", "artifacts", "tags" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
        }

        var all = new SortedDictionary<string, string>(tags.ToDictionary(), StringComparer.Ordinal) { ["mlflow.runName"] = runName };
        foreach (KeyValuePair<string, string> tag in all)
        {
            WriteValue(dir, "tags", tag.Key, Cut(tag.Value, MlflowLimits.TagValueLength));
        }

        return Task.FromResult(runId);
    }

    /// <inheritdoc />
    public Task LogBatchAsync(string runId, IReadOnlyList<MlflowMetric> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        string dir = FindRun(runId);
        foreach (KeyValuePair<string, string> p in parameters)
        {
            WriteValue(dir, "params", p.Key, Cut(p.Value, MlflowLimits.ParamValueLength));
        }

        foreach (KeyValuePair<string, string> t in tags)
        {
            WriteValue(dir, "tags", t.Key, Cut(t.Value, MlflowLimits.TagValueLength));
        }

        foreach (IGrouping<string, MlflowMetric> metric in metrics.GroupBy(m => Cut(m.Key, MlflowLimits.KeyLength)))
        {
            string path = KeyPath(dir, "metrics", metric.Key);
            var text = new StringBuilder(File.Exists(path) ? File.ReadAllText(path) : "");
            foreach (MlflowMetric m in metric)
            {
                text.Append(CultureInfo.InvariantCulture, $"{m.Timestamp} {Number(m.Value)} {m.Step}\n");
            }

            WriteAtomically(path, text.ToString());
        }

        return Task.CompletedTask;
    }

    /// <summary>Copies the file into the run's <c>artifacts/</c> directory (the artifact_uri of its meta.yaml).</summary>
    public Task<bool> LogArtifactAsync(string runId, string fileName, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (fileName.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"artifact name '{fileName}' is not a relative path inside the run's artifacts", nameof(fileName));
        }

        string path = Path.Combine(FindRun(runId), "artifacts", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task UpdateRunAsync(string runId, string status, long endTime, CancellationToken ct)
    {
        string dir = FindRun(runId);
        string meta = File.ReadAllText(Path.Combine(dir, "meta.yaml"));
        string experimentId = Unquote(Field(meta, "experiment_id"));
        WriteRunMeta(experimentId, runId, Unquote(Field(meta, "run_name")), long.Parse(Field(meta, "start_time"), CultureInfo.InvariantCulture), endTime, status);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>MLflow's RunStatus numbers, as its file store keeps them in meta.yaml.</summary>
    public static int StatusNumber(string status) => status switch
    {
        "RUNNING" => 1,
        "SCHEDULED" => 2,
        "FINISHED" => 3,
        "FAILED" => 4,
        "KILLED" => 5,
        _ => throw new ArgumentException($"MLflow run status '{status}' is not one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED", nameof(status)),
    };

    private string RunDir(string experimentId, string runId) => Path.Combine(_root, experimentId, runId);

    private string FindRun(string runId)
    {
        foreach (string experiment in Directory.GetDirectories(_root))
        {
            string dir = Path.Combine(experiment, runId);
            if (File.Exists(Path.Combine(dir, "meta.yaml")))
            {
                return dir;
            }
        }

        throw new MlflowException($"file store {_root}: no run {runId}");
    }

    private string FileUri(params string[] parts) => new Uri(Path.Combine([_root, .. parts])).AbsoluteUri;

    private void WriteExperiment(string id, string name)
    {
        long now = _now();
        Directory.CreateDirectory(Path.Combine(_root, id));
        WriteAtomically(Path.Combine(_root, id, "meta.yaml"), Yaml(
            ("artifact_location", Scalar(FileUri(id))),
            ("creation_time", Integer(now)),
            ("experiment_id", Scalar(id)),
            ("last_update_time", Integer(now)),
            ("lifecycle_stage", "active"),
            ("name", Scalar(name))));
    }

    private void WriteRunMeta(string experimentId, string runId, string runName, long startTime, long? endTime, string status) =>
        WriteAtomically(Path.Combine(RunDir(experimentId, runId), "meta.yaml"), Yaml(
            ("artifact_uri", Scalar(FileUri(experimentId, runId, "artifacts"))),
            ("deleted_time", "null"),
            ("end_time", endTime is long e ? Integer(e) : "null"),
            ("entry_point_name", "''"),
            ("experiment_id", Scalar(experimentId)),
            ("lifecycle_stage", "active"),
            ("run_id", Scalar(runId)),
            ("run_name", Scalar(runName)),
            ("run_uuid", Scalar(runId)),
            ("source_name", "''"),
            ("source_type", "4"),
            ("source_version", "''"),
            ("start_time", Integer(startTime)),
            ("status", StatusNumber(status).ToString(CultureInfo.InvariantCulture)),
            ("tags", "[]"),
            ("user_id", Scalar(Environment.UserName))));

    private static void WriteValue(string runDir, string folder, string key, string value) => WriteAtomically(KeyPath(runDir, folder, key), value);

    private static string KeyPath(string runDir, string folder, string key)
    {
        string cut = Cut(key, MlflowLimits.KeyLength);
        if (cut.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new MlflowException($"key '{key}' is not a valid MLflow key for a file store (empty, '.' or '..' path segment)");
        }

        return Path.Combine(runDir, folder, cut);
    }

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    // PyYAML's safe_dump with sorted keys and block style: "key: value" lines.
    private static string Yaml(params (string Key, string Value)[] fields) =>
        string.Concat(fields.Select(f => f.Key + ": " + f.Value + "\n"));

    private static string Integer(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double as MLflow writes it in a metric line (Python's str(value), which is repr).</summary>
    internal static string Number(double v) => Wnn.Experiments.Config.Overrides.OverrideFormatter.FormatFloat(v);

    /// <summary>A YAML string as PyYAML writes it: plain when it cannot be read as anything else, else single-quoted.</summary>
    internal static string Scalar(string s)
    {
        bool plain = s.Length > 0
            && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1])
            && "-?:,[]{}#&*!|>'\"%@`".IndexOf(s[0]) < 0
            && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal) && !s.EndsWith(':')
            && s.All(c => c >= ' ' && c != 0x7f)
            && !LooksTyped(s);
        return plain ? s : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    // PyYAML's implicit resolvers (bool, float, int, merge, null, timestamp, value): a string they match is quoted.
    private static readonly System.Text.RegularExpressions.Regex Typed = new(
        @"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
        + @"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        + @"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
        + @"|<<|~|null|Null|NULL|=|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?.*)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool LooksTyped(string s) => Typed.IsMatch(s);

    private static string Field(string yaml, string key) =>
        yaml.Split('\n').FirstOrDefault(l => l.StartsWith(key + ": ", StringComparison.Ordinal))?[(key.Length + 2)..]
        ?? throw new MlflowException($"meta.yaml has no {key}");

    private static string Unquote(string v) => v.Length >= 2 && v[0] == '\'' && v[^1] == '\'' ? v[1..^1].Replace("''", "'", StringComparison.Ordinal) : v;

    private static string ReadName(string metaPath) => Unquote(Field(File.ReadAllText(metaPath), "name"));

    private static string Cut(string s, int length) => s.Length <= length ? s : s[..(length - 1)] + "…";
}
