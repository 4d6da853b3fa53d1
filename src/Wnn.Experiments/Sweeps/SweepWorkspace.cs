using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Experiments.Sweeps.Demo;
using Wnn.Search;
using Wnn.Search.Samplers;
using Wnn.Storage;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// A sweep on disk and in the study storage: the sweep directory (sweep.yaml with the definition and its identity,
/// multirun.yaml, a copy of the config, one directory per job) and the study (SQLite sweep.db in the directory by default,
/// or any storage) whose trials are the jobs. Created once by <see cref="CreateAsync"/>; resumed and joined by <c>OpenAsync</c>.
/// </summary>
public sealed class SweepWorkspace : IDisposable
{
    /// <summary>The definition file in the sweep directory.</summary>
    public const string DefinitionFile = "sweep.yaml";

    /// <summary>The Hydra-style summary of the multirun in the sweep directory.</summary>
    public const string MultirunFile = "multirun.yaml";

    /// <summary>The default SQLite storage file in the sweep directory.</summary>
    public const string DefaultStorageFile = "sweep.db";

    /// <summary>A file whose presence asks running controllers to stop (written by `wnn sweep stop`).</summary>
    public const string StopFile = "STOP";

    /// <summary>User attribute: the job number.</summary>
    public const string JobAttribute = "job";

    /// <summary>User attribute: the attempt (1 for the first run of a job).</summary>
    public const string AttemptAttribute = "attempt";

    private const string EnqueuedMarker = ".jobs-enqueued";
    private readonly IStudyStorage _storage;

    private SweepWorkspace(SweepDefinition definition, string id, string identity, IStudyStorage storage, Study study, string storageName)
    {
        Definition = definition;
        Id = id;
        Identity = identity;
        _storage = storage;
        Study = study;
        StorageName = storageName;
    }

    /// <summary>The sweep definition.</summary>
    public SweepDefinition Definition { get; }

    /// <summary>The sweep id (the sweep directory's name; also the study name).</summary>
    public string Id { get; }

    /// <summary>The identity hash (<see cref="SweepIdentity.Hash"/>).</summary>
    public string Identity { get; }

    /// <summary>The study whose trials are the jobs.</summary>
    public Study Study { get; }

    /// <summary>The storage as given (a path or a connection string without its password).</summary>
    public string StorageName { get; }

    /// <summary>The sweep directory.</summary>
    public string Directory => Definition.SweepDir;

    /// <summary>
    /// The first of <c>DIR-2</c>, <c>DIR-3</c>, … that holds no sweep: where <c>--new-sweep</c> puts a new sweep whose
    /// directory is taken (the id is the directory's name, so it is new too).
    /// </summary>
    public static string NextFreeDirectory(string dir)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        for (int n = 2; ; n++)
        {
            string candidate = trimmed + "-" + n.ToString(CultureInfo.InvariantCulture);
            if (!File.Exists(Path.Combine(candidate, DefinitionFile)))
            {
                return candidate;
            }
        }
    }

    /// <summary>Creates a new sweep: its directory and files, its study and one waiting trial per job. Refuses an existing sweep.</summary>
    public static async Task<SweepWorkspace> CreateAsync(SweepDefinition definition, SweepSource source, string? storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(source);
        string dir = definition.SweepDir;
        if (File.Exists(Path.Combine(dir, DefinitionFile)))
        {
            throw new ConfigException($"sweep directory {dir} already holds a sweep; resume it with `wnn sweep resume {dir}` or choose another --sweep-dir");
        }

        System.IO.Directory.CreateDirectory(dir);
        string id = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        string identity = SweepIdentity.Hash(definition);
        string storagePath = storage is null ? DefaultStorageFile : Absolute(storage);
        IStudyStorage opened = await OpenStorageAsync(storagePath, dir, cancellationToken).ConfigureAwait(false);
        try
        {
            if (opened.FindStudy(id) is not null)
            {
                throw new ConfigException($"the storage already holds a sweep (study) named '{id}'; resume it with `wnn sweep resume` or choose another --sweep-dir");
            }

            if (File.Exists(source.Path))
            {
                File.Copy(source.Path, Path.Combine(dir, "config.yaml"), overwrite: true);
            }

            ConfigTree.WriteAtomic(Path.Combine(dir, DefinitionFile), ConfigTree.ToYaml(DefinitionDocument(definition, id, identity, source, Redact(storagePath))));
            ConfigTree.WriteAtomic(Path.Combine(dir, MultirunFile), definition.Multirun ?? ConfigTree.ToYaml(MultirunDocument(definition, id)));
            Study study = CreateStudy(definition, id, opened);
            EnqueueJobs(study, definition, 0);
            File.WriteAllText(Path.Combine(dir, EnqueuedMarker), definition.JobCount.ToString(CultureInfo.InvariantCulture));
            return new SweepWorkspace(definition, id, identity, opened, study, Redact(storagePath));
        }
        catch
        {
            (opened as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing sweep to resume it or work on it; a changed definition is refused naming the keys that differ.</summary>
    public static Task<SweepWorkspace> OpenAsync(string sweep, string? storage, SweepReadOptions? changes, CancellationToken cancellationToken) =>
        OpenAsync(sweep, storage, changes, newSweepIfChanged: false, cancellationToken);

    /// <summary>
    /// Opens an existing sweep (a sweep directory, or an id under outputs/experiments) to resume it or to work on it. The config
    /// is read again (the original file, or the copy in the sweep directory when it is gone); a changed definition is refused
    /// naming the keys that differ, unless <paramref name="newSweepIfChanged"/>: then a new sweep of the changed definition
    /// is created next to it (<see cref="NextFreeDirectory"/>) and the old one is left as it is.
    /// </summary>
    public static async Task<SweepWorkspace> OpenAsync(string sweep, string? storage, SweepReadOptions? changes, bool newSweepIfChanged, CancellationToken cancellationToken)
    {
        string dir = Find(sweep);
        Dictionary<string, object?> doc = ConfigTree.Load(Path.Combine(dir, DefinitionFile));
        string id = Text(doc, "id");
        string source = Text(doc, "source");
        bool builtin = source == QuickSweep.Source;
        string path = builtin || File.Exists(source) ? source : Path.Combine(dir, "config.yaml");
        List<string> overrides = doc.GetValueOrDefault("overrides") is List<object?> o ? [.. o.Select(v => ConfigTree.Format(v))] : [];
        Dictionary<string, object?> opts = doc.GetValueOrDefault("options") as Dictionary<string, object?> ?? [];
        var read = new SweepReadOptions
        {
            SweepDir = dir,
            Sampler = opts.GetValueOrDefault("sampler") as string,
            Trials = changes?.Trials ?? (opts.GetValueOrDefault("trials") is int t ? t : null),
            Seed = opts.GetValueOrDefault("seed") is int or long ? Convert.ToInt64(opts["seed"], CultureInfo.InvariantCulture) : null,
            MaxParallel = changes?.MaxParallel ?? (opts.GetValueOrDefault("max_parallel") is int mp ? mp : null),
            Now = opts.GetValueOrDefault("now") is string now && DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset at) ? at : null,
            // A sweep that ran on Slurm (recorded in .slurm/options.json) stays there unless told otherwise.
            Launcher = changes?.Launcher ?? (File.Exists(Path.Combine(dir, SlurmTrialExecutor.DirectoryName, SlurmTrialExecutor.OptionsFile)) ? "slurm" : null),
        };
        // A bad --launcher is the caller's mistake, not the config's: refuse it under its own name.
        _ = SweepLauncherSection.Name(changes?.Launcher, "--launcher");
        SweepDefinition definition;
        try
        {
            definition = (builtin ? QuickSweep.Read(overrides, read) : SweepConfigReader.Read(path, overrides, read)) with { SweepDir = dir };
        }
        catch (ConfigException ex)
        {
            throw new ConfigException($"sweep {id}: its config {path} no longer reads: {ex.Message}", ex);
        }

        string identity = SweepIdentity.Hash(definition);
        if (identity != Text(doc, "identity"))
        {
            if (newSweepIfChanged)
            {
                string fresh = NextFreeDirectory(dir);
                return await CreateAsync(definition with { SweepDir = fresh }, new SweepSource(path, overrides, read with { SweepDir = fresh }),
                    storage ?? (Text(doc, "storage") is string recorded && recorded != DefaultStorageFile ? recorded : null), cancellationToken).ConfigureAwait(false);
            }

            Dictionary<string, object?> stored = doc.GetValueOrDefault("definition") as Dictionary<string, object?> ?? [];
            IReadOnlyList<string> keys = SweepIdentity.Differences(stored, SweepIdentity.Canonical(definition));
            string table = SweepIdentity.TableChanges(stored, SweepIdentity.Canonical(definition)) is string change ? $"; {change}" : "";
            throw new ConfigException($"sweep {id}: the definition changed since it started ({path}); differing keys: {string.Join(", ", keys.Take(8))}{(keys.Count > 8 ? $" and {keys.Count - 8} more" : "")}{table}; "
                + $"start a new sweep of the changed definition with `wnn sweep resume {dir} --new-sweep` (the old one is kept)");
        }

        string storagePath = storage is null ? Text(doc, "storage") : Absolute(storage);
        IStudyStorage opened = await OpenStorageAsync(storagePath, dir, cancellationToken).ConfigureAwait(false);
        try
        {
            if (opened.FindStudy(id) is null)
            {
                throw new ConfigException($"sweep {id}: the storage '{Redact(storagePath)}' has no study of that name (give the sweep's --storage)");
            }

            Study study = CreateStudy(definition, id, opened);
            int enqueued = study.Trials.Select(JobOf).Where(j => j >= 0).DefaultIfEmpty(-1).Max() + 1;
            if (!File.Exists(Path.Combine(dir, EnqueuedMarker)) || enqueued < definition.JobCount)
            {
                // Created by a run that was killed while enqueueing, or a larger --trials on resume: add the missing jobs.
                EnqueueJobs(study, definition, enqueued);
                File.WriteAllText(Path.Combine(dir, EnqueuedMarker), definition.JobCount.ToString(CultureInfo.InvariantCulture));
            }

            return new SweepWorkspace(definition, id, identity, opened, study, Redact(storagePath));
        }
        catch
        {
            (opened as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>The sweep directory of a sweep directory path or an id under outputs/experiments (or the current directory).</summary>
    public static string Find(string sweep)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweep);
        foreach (string candidate in new[] { sweep, Path.Combine("outputs", "experiments", sweep) })
        {
            if (File.Exists(Path.Combine(candidate, DefinitionFile)))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new ConfigException($"no sweep '{sweep}': give a sweep directory (one holding {DefinitionFile}) or the id of one under outputs/experiments");
    }

    /// <summary>The job number of a trial (-1 when it has none).</summary>
    public static int JobOf(FrozenTrial trial) =>
        trial.UserAttributes.TryGetValue(JobAttribute, out object? j) && j is not null ? Convert.ToInt32(j, CultureInfo.InvariantCulture) : -1;

    /// <summary>Enqueues a failed job again (same parameters and job number), for `resume --rerun-failed`; returns how many.</summary>
    public int RequeueFailedJobs()
    {
        int n = 0;
        foreach (IGrouping<int, FrozenTrial> job in Study.Trials.Where(t => JobOf(t) >= 0).GroupBy(JobOf))
        {
            FrozenTrial last = job.MaxBy(t => t.Number)!;
            if (last.State == TrialState.Failed)
            {
                int attempt = last.UserAttributes.TryGetValue(AttemptAttribute, out object? a) && a is not null ? Convert.ToInt32(a, CultureInfo.InvariantCulture) : 1;
                Study.EnqueueTrial(last.Params, Carried(last, job.Key, attempt + 1));
                n++;
            }
        }

        return n;
    }

    /// <summary>The user attributes of a job's next attempt: its number and attempt, and what its strategy stored (round, bracket, budget…).</summary>
    public static Dictionary<string, object?> Carried(FrozenTrial trial, int job, int attempt)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var attributes = new Dictionary<string, object?> { [JobAttribute] = job, [AttemptAttribute] = attempt };
        foreach (string key in Strategies.SweepPlans.CarriedAttributes)
        {
            if (trial.UserAttributes.TryGetValue(key, out object? v))
            {
                attributes[key] = v;
            }
        }

        return attributes;
    }

    /// <summary>Enqueues a strategy's next batch as jobs after the last job number; returns the first new job number.</summary>
    public int EnqueuePlanned(IReadOnlyList<Strategies.PlannedJob> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int next = Study.Trials.Select(JobOf).DefaultIfEmpty(-1).Max() + 1;
        for (int i = 0; i < batch.Count; i++)
        {
            Study.EnqueueTrial(batch[i].Params, new Dictionary<string, object?>(batch[i].Attributes) { [JobAttribute] = next + i, [AttemptAttribute] = 1 });
        }

        return next;
    }

    /// <inheritdoc />
    public void Dispose() => (_storage as IDisposable)?.Dispose();

    private static Study CreateStudy(SweepDefinition definition, string id, IStudyStorage storage)
    {
        ISampler sampler;
        try
        {
            sampler = definition.Kind == SweepKind.Grid
                ? new RandomSampler(definition.Optimization.Seed)
                : SamplerCatalog.Create(definition.Optimization.Sampler, definition.Optimization.Seed, definition.JobCount);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message, ex);
        }

        return Study.Create(new StudyOptions
        {
            Name = id,
            Directions = definition.Directions,
            Sampler = sampler,
            Pruner = SweepCatalog.CreatePruner(definition.Optimization),
            Storage = storage,
            LoadIfExists = true,
            HeartbeatInterval = definition.Execution.Heartbeat,
            GracePeriod = definition.Execution.Heartbeat * 3,
            RetryStaleTrials = true,
        });
    }

    private static void EnqueueJobs(Study study, SweepDefinition definition, int from)
    {
        if (definition.Strategy.PlansJobs)
        {
            IReadOnlyList<Strategies.PlannedJob> initial = definition.InitialJobs;
            for (int job = from; job < initial.Count; job++)
            {
                study.EnqueueTrial(initial[job].Params, new Dictionary<string, object?>(initial[job].Attributes) { [JobAttribute] = job, [AttemptAttribute] = 1 });
            }

            return;
        }

        for (int job = from; job < definition.JobCount; job++)
        {
            Dictionary<string, object?> fixedParams = definition.Kind == SweepKind.Grid
                ? definition.Jobs[job].Where(kv => definition.Parameters.Any(p => p.Name == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value)
                : [];
            study.EnqueueTrial(fixedParams, new Dictionary<string, object?> { [JobAttribute] = job, [AttemptAttribute] = 1 });
        }
    }

    internal static async Task<IStudyStorage> OpenStorageAsync(string storage, string dir, CancellationToken cancellationToken)
    {
        string target = ExperimentStores.IsPostgres(storage) || Path.IsPathRooted(storage) ? storage : Path.Combine(dir, storage);
        try
        {
            return await StudyStorages.OpenAsync(target, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new ConfigException($"storage: cannot open '{Redact(storage)}': {ex.Message}", ex);
        }
    }

    private static string Absolute(string storage) => ExperimentStores.IsPostgres(storage) ? storage : Path.GetFullPath(storage);

    private static string Redact(string storage) => ExperimentStores.IsPostgres(storage)
        ? string.Join(';', storage.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)))
        : storage;

    internal static string Text(Dictionary<string, object?> doc, string key) =>
        doc.GetValueOrDefault(key) is object v ? ConfigTree.Format(v) : throw new ConfigException($"{DefinitionFile}: '{key}' is missing");

    private static Dictionary<string, object?> DefinitionDocument(SweepDefinition d, string id, string identity, SweepSource source, string storage) => new()
    {
        ["id"] = id,
        ["identity"] = identity,
        ["created"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["form"] = d.Form,
        ["kind"] = d.Kind.ToString().ToLowerInvariant(),
        ["source"] = source.Path == QuickSweep.Source ? source.Path : Path.GetFullPath(source.Path),
        ["overrides"] = source.Overrides.Select(o => (object?)o).ToList(),
        ["options"] = new Dictionary<string, object?>
        {
            ["sampler"] = source.Options.Sampler,
            ["trials"] = source.Options.Trials,
            ["seed"] = source.Options.Seed,
            ["max_parallel"] = source.Options.MaxParallel,
            ["now"] = source.Options.Now?.ToString("O", CultureInfo.InvariantCulture), // ${now:…}: one timestamp per sweep, resumes included
        },
        ["storage"] = storage,
        ["jobs"] = d.JobCount,
        ["definition"] = SweepIdentity.Canonical(d),
        [SweepReproducibility.Key] = SweepReproducibility.Record(d, source, identity),
        ["ensemble"] = d.Strategy.EnsembleK > 0 ? new Dictionary<string, object?> { ["k"] = d.Strategy.EnsembleK, ["top_fraction"] = d.Strategy.EnsembleTopFraction } : null,
    };

    private static Dictionary<string, object?> MultirunDocument(SweepDefinition d, string id) => new()
    {
        ["hydra"] = new Dictionary<string, object?>
        {
            ["mode"] = "MULTIRUN",
            ["job"] = new Dictionary<string, object?> { ["name"] = d.Name },
            ["sweep"] = new Dictionary<string, object?> { ["dir"] = d.SweepDir, ["subdir"] = d.SubdirTemplate },
            ["sweeper"] = new Dictionary<string, object?>
            {
                ["params"] = d.Parameters.ToDictionary(p => p.Name, p => (object?)Describe(p)),
            },
        },
        ["sweep_id"] = id,
        ["command"] = d.Command.Select(c => (object?)c).ToList(),
        ["job_count"] = d.JobCount,
        ["jobs"] = d.Kind == SweepKind.Grid
            ? Enumerable.Range(0, d.JobCount).Select(j => (object?)new Dictionary<string, object?>
            {
                ["num"] = j,
                ["overrides"] = d.GridOverrides(j).Select(kv => (object?)(kv.Key + "=" + ConfigTree.Format(kv.Value))).ToList(),
            }).ToList()
            : [],
    };

    private static string Describe(SweepParameter p) => p.Distribution is CategoricalDistribution c
        ? string.Join(",", c.Choices.Select(ConfigTree.Format))
        : p.Distribution.Describe();
}
