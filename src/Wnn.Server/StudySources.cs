using System.Collections.Concurrent;
using System.Globalization;
using Wnn.Experiments.Sweeps;
using Wnn.Reports;
using Wnn.Search;
using Wnn.Search.Samplers;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// Where the server reads studies and sweeps: sweep directories under <see cref="ServerOptions.SweepsRoot"/> (each with
/// its sweep.yaml and study storage) and the studies of <see cref="ServerOptions.StudyStorage"/>. Storages are opened
/// once, read-only in intent (never created: a missing file is reported), and shared by all requests.
/// </summary>
internal sealed class StudySources(ServerOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SqlStudyStorage>> _storages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTime Written, SweepFile File)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Marker, Lazy<CachedReport> Json)> _reports = new(StringComparer.Ordinal);

    /// <summary>The server's instance, for the endpoints (their handlers are public and cannot take this internal type).</summary>
    public static StudySources Of(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.RequestServices.GetService(typeof(StudySources)) as StudySources ?? throw new InvalidOperationException("StudySources is not registered");

    /// <summary>The sweeps under the root, newest first; a damaged sweep.yaml is listed with its error.</summary>
    public IReadOnlyList<SweepFile> ListSweeps()
    {
        string root = Path.GetFullPath(options.SweepsRoot);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, SweepWorkspace.DefinitionFile)))
            .Select(d => ReadSweepFile(d))
            .OrderByDescending(f => f.Created ?? DateTimeOffset.MinValue)
            .ThenByDescending(f => f.Id, StringComparer.Ordinal)];
    }

    /// <summary>The sweep directory named <paramref name="id"/> under the root, or null (also for a name that is not a plain directory name).</summary>
    public SweepFile? FindSweep(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id is "." or ".." || id.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            return null;
        }

        string dir = Path.Combine(Path.GetFullPath(options.SweepsRoot), id);
        return File.Exists(Path.Combine(dir, SweepWorkspace.DefinitionFile)) ? ReadSweepFile(dir) : null;
    }

    /// <summary>Opens a sweep's study; throws <see cref="StudySourceException"/> naming what is missing.</summary>
    public Study OpenSweep(SweepFile sweep)
    {
        if (sweep.Error is { } error)
        {
            throw new StudySourceException(error);
        }

        SqlStudyStorage storage = Open(SweepStorage(sweep));
        return Load(storage, sweep.Name);
    }

    /// <summary>The server's study storage, or null when none is set (or its file does not exist yet).</summary>
    public SqlStudyStorage? StudyStorage() =>
        options.StudyStorage is { } s && (ExperimentStores.IsPostgres(s) || File.Exists(s)) ? Open(s) : null;

    /// <summary>Loads a study of <paramref name="storage"/> by id, or null when there is none.</summary>
    public static Study? LoadStudy(SqlStudyStorage storage, long id)
    {
        StudySummary? summary = storage.ListStudies().FirstOrDefault(s => s.Id == id);
        return summary is null ? null : Load(storage, summary.Name);
    }

    /// <summary>The change marker of a sweep's study (see <see cref="SqlStudyStorage.GetChangeMarker"/>).</summary>
    public string SweepMarker(SweepFile sweep) => sweep.Error is null && Open(SweepStorage(sweep)) is var s && s.FindStudy(sweep.Name) is long id
        ? s.GetChangeMarker(id)
        : "missing";

    /// <summary>
    /// The report of a study (its JSON), recomputed only when its change marker moved (a report of many trials takes
    /// seconds). Concurrent requests for the same marker share one computation.
    /// </summary>
    public CachedReport Report(string key, string marker, Func<CachedReport> build)
    {
        (string Marker, Lazy<CachedReport> Json) entry = _reports.AddOrUpdate(
            key,
            _ => (marker, new Lazy<CachedReport>(build, LazyThreadSafetyMode.ExecutionAndPublication)),
            (_, old) => old.Marker == marker ? old : (marker, new Lazy<CachedReport>(build, LazyThreadSafetyMode.ExecutionAndPublication)));
        try
        {
            return entry.Json.Value;
        }
        catch
        {
            _reports.TryRemove(new KeyValuePair<string, (string, Lazy<CachedReport>)>(key, entry));
            throw;
        }
    }

    /// <summary>True when the report of <paramref name="key"/> was asked for before (the watcher keeps those up to date).</summary>
    public bool HasReport(string key) => _reports.ContainsKey(key);

    /// <summary>True when the report of <paramref name="key"/> for <paramref name="marker"/> is computed or being computed.</summary>
    public bool HasReport(string key, string marker) => _reports.TryGetValue(key, out var entry) && entry.Marker == marker;

    /// <summary>Trials by state, best and first start of a study, by aggregate queries (no trial is loaded).</summary>
    public static TrialCounts Counts(Study study) => ((SqlStudyStorage)study.Storage).GetTrialCounts(study.Id);

    /// <summary>How a report reads a sweep's trials (the sweep engine's attribute names and the target metric).</summary>
    public static ReportOptions SweepReportOptions(SweepFile sweep) => new()
    {
        ObjectiveNames = sweep.TargetMetric is { } t ? [t] : null,
        MetricsAttribute = SweepController.MetricsAttribute,
        ReasonAttribute = SweepController.ReasonAttribute,
        JobAttribute = SweepWorkspace.JobAttribute,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Lazy<SqlStudyStorage> s in _storages.Values)
        {
            if (s.IsValueCreated)
            {
                s.Value.Dispose();
            }
        }

        _storages.Clear();
    }

    private string SweepStorage(SweepFile sweep)
    {
        string recorded = sweep.Storage ?? SweepWorkspace.DefaultStorageFile;
        if (ExperimentStores.IsPostgres(recorded))
        {
            // sweep.yaml keeps the connection string without its password: the server's own PostgreSQL storage is used when it has one.
            return options.StudyStorage is { } own && ExperimentStores.IsPostgres(own) ? own : recorded;
        }

        string path = Path.IsPathRooted(recorded) ? recorded : Path.Combine(sweep.Directory, recorded);
        return File.Exists(path) ? path : throw new StudySourceException($"sweep {sweep.Id}: no study database at {path} (it is never created by a read)");
    }

    private SqlStudyStorage Open(string storage)
    {
        Lazy<SqlStudyStorage> lazy = _storages.GetOrAdd(storage, s => new Lazy<SqlStudyStorage>(
            () => StudyStorages.OpenAsync(s, null, CancellationToken.None).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            _storages.TryRemove(storage, out _);
            throw new StudySourceException($"cannot open the study storage: {ex.Message}", ex);
        }
    }

    private static Study Load(SqlStudyStorage storage, string name)
    {
        if (storage.FindStudy(name) is not long id)
        {
            throw new StudySourceException($"the study storage has no study named '{name}'");
        }

        return Study.Create(new StudyOptions
        {
            Name = name,
            Storage = storage,
            Directions = storage.GetStudy(id).Directions,
            LoadIfExists = true,
            Sampler = new RandomSampler(0),
        });
    }

    private SweepFile ReadSweepFile(string dir)
    {
        string path = Path.Combine(dir, SweepWorkspace.DefinitionFile);
        DateTime written = File.GetLastWriteTimeUtc(path);
        if (_files.TryGetValue(dir, out var cached) && cached.Written == written)
        {
            return cached.File;
        }

        SweepFile file = SweepFile.Read(dir, path);
        _files[dir] = (written, file);
        return file;
    }
}
