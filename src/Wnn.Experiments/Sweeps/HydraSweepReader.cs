using Wnn.Experiments.Config;
using Wnn.Experiments.Config.Composition;
using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Reads seed 004's form through the real composition: the config file is the primary config of a config directory (its
/// folder; groups are subfolders), composed with the command-line overrides (defaults lists, <c># @package _global_</c>
/// experiments, <c>phase1/latent_space=vq</c> group choices, interpolation). The job list is Hydra's basic sweeper's
/// (<see cref="ConfigSweepPlanner"/>: <c>hydra.sweeper.params</c>, then the command line, the last key varying fastest); each
/// job is composed again with its own overrides and <c>hydra.job.num</c>, which gives its cfg.yaml and run subdirectory.
/// The trial command is <c>experiment.command</c>; top-level <c>execution</c> and <c>optimization</c> (seed 003's sections)
/// configure the sweep and are left out of the trial's config and overrides.
/// </summary>
internal static class HydraSweepReader
{
    /// <summary>Top-level keys that configure the sweep itself, never the trial.</summary>
    private static readonly string[] SweepKeys = ["execution", "optimization", "launcher", "slurm", SweepTracking.Key];

    private const string CommandKey = "experiment.command";

    public static SweepDefinition Read(string path, IReadOnlyList<string> overrides, SweepReadOptions options)
    {
        string full = Path.GetFullPath(path);
        if (!full.EndsWith(".yaml", StringComparison.Ordinal))
        {
            throw new ConfigException($"{path}: a Hydra-form config (with a hydra node or a defaults list) must be a .yaml file in its config directory");
        }

        string configDir = Path.GetDirectoryName(full)!;
        string configName = Path.GetFileNameWithoutExtension(full);
        DateTimeOffset now = options.Now ?? DateTimeOffset.Now;
        if (options.Sampler is not null)
        {
            throw new ConfigException("--sampler: a Hydra multirun config runs its job list; use seed 003's form (sweep_type: bayesian) for a study sweep");
        }

        try
        {
            return Compose(new ConfigRepository(configDir), configName, configDir, overrides, options, now);
        }
        catch (Exception ex) when (ex is ConfigCompositionException or OverrideParseException or SweepPlanException)
        {
            throw new ConfigException(ex.Message, ex);
        }
    }

    private static SweepDefinition Compose(ConfigRepository repository, string configName, string configDir, IReadOnlyList<string> overrides, SweepReadOptions options, DateTimeOffset now)
    {
        var context = new ConfigCompositionContext { Now = now };
        int seed = (int)(options.Seed ?? 0);
        IReadOnlyList<IReadOnlyList<string>> plan = ConfigSweepPlanner.Plan(repository, configName, overrides, context, seed);
        ComposedConfig composedBase = ConfigSweepPlanner.ComposeBase(repository, configName, overrides, context, seed);
        var jobs = new List<ComposedJob>(plan.Count);
        var keyed = new List<IReadOnlyList<KeyValuePair<string, object?>>>(plan.Count);
        Dictionary<string, object?>? sweepTree = null;
        for (int num = 0; num < plan.Count; num++)
        {
            ComposedConfig composed = ConfigSweepPlanner.ComposeBase(repository, configName, plan[num], context with { JobNum = num }, seed);
            ConfigMapping resolved = composed.ResolveJob();
            sweepTree ??= (Dictionary<string, object?>)resolved.ToPlainObject()!; // the sweep's own sections, as job 0 sees them
            List<string> task = [.. plan[num].Where(o => IsTaskOverride(ConfigOverride.Parse(o).Key))];
            string subdir = PythonText.Str(((ConfigScalar)composed.Resolve("hydra.sweep.subdir")).Value);
            jobs.Add(new ComposedJob(task, TrialConfig(resolved), subdir, Fingerprint(composed.Config)));
            keyed.Add([.. task.Select(ConfigOverride.Parse).Select(o => new KeyValuePair<string, object?>(o.KeyWithPackage, StudyValue(o.Value)))]);
        }

        sweepTree ??= [];
        (string? launcher, Wnn.Launchers.Slurm.SlurmOptions? slurm) = SweepLauncherSection.Hydra(composedBase);
        SweepExecution execution = SweepSections.Execution(sweepTree.GetValueOrDefault("execution"), options, launcher) with { Slurm = slurm };
        SweepOptimization optimization = SweepSections.Optimization(sweepTree.GetValueOrDefault("optimization"), options, "tpe", execution.EarlyStopping?.Metric);
        ConfigTree.TryGet(sweepTree, CommandKey, out object? commandNode);
        IReadOnlyList<string> command = SweepSections.Command(commandNode, CommandKey, configDir);
        string name = ConfigTree.TryGet(sweepTree, "experiment.name", out object? n) && n is string ns ? ns
            : PythonText.Str(((ConfigScalar)composedBase.Resolve("hydra.job.name")).Value);
        string dirTemplate = ConfigEdit.Select(composedBase.Config, "hydra.sweep.dir") is ConfigScalar { Value: string d } && d != HydraNode.DefaultSweepDir
            ? d
            : SweepDirectory.DefaultTemplate;
        string sweepDir = options.SweepDir ?? SweepDirectory.Resolve(dirTemplate, composedBase.Config, name, now, "hydra.sweep.dir");
        if (jobs.Select(j => j.Subdir).GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ConfigException($"hydra.sweep.subdir: two jobs resolve to the same run directory '{clash.Key}'; include ${{hydra.job.num}} in it");
        }

        // Keys with more than one value across the jobs are the swept parameters (categoricals of the values in job order).
        var keys = keyed.SelectMany(j => j.Select(kv => kv.Key)).Distinct(StringComparer.Ordinal).ToList();
        var swept = keys.Where(k => keyed.Select(j => Text(j, k)).Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        List<SweepParameter> parameters = [.. swept.Select(k => new SweepParameter(k,
            SchemaSweepReader.Categorical([.. keyed.Select(j => j.First(kv => kv.Key == k).Value).DistinctBy(ConfigTree.Format)], "hydra.sweeper.params." + k)))];
        return new SweepDefinition
        {
            Name = name,
            Form = "hydra",
            Kind = SweepKind.Grid,
            Command = command,
            Config = (Dictionary<string, object?>)TrialConfig(JobTree(composedBase.Config)).ToPlainObject()!,
            Parameters = parameters,
            Jobs = keyed,
            ComposedJobs = jobs,
            Execution = execution,
            Optimization = optimization,
            Tracking = SweepTracking.Read(sweepTree.GetValueOrDefault(SweepTracking.Key)),
            SweepDir = Path.GetFullPath(sweepDir),
            SubdirTemplate = ConfigEdit.Select(composedBase.Config, "hydra.sweep.subdir") is ConfigScalar { Value: string sub } ? sub : "${hydra.job.num}",
            Multirun = ConfigYaml.Write(composedBase.Config),
        };
    }

    private static string Fingerprint(ConfigMapping composed) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ConfigYaml.Write(TrialConfig(JobTree(composed))))))[..16];

    /// <summary>A value as the study's parameters hold it: whole numbers in int range as int (as seed 003's reader types them).</summary>
    private static object? StudyValue(object? value) => value is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : value;

    private static string Text(IReadOnlyList<KeyValuePair<string, object?>> job, string key) =>
        job.Any(kv => kv.Key == key) ? ConfigTree.Format(job.First(kv => kv.Key == key).Value) : "\0absent";

    /// <summary>An override that reaches the trial: not one of Hydra's own (<c>hydra.…</c>) nor of the sweep's sections.</summary>
    private static bool IsTaskOverride(string key)
    {
        string first = key.Split('.', '/')[0];
        return first != HydraNode.Key && !SweepKeys.Contains(first) && key != CommandKey;
    }

    /// <summary>The config without the <c>hydra</c> node (interpolations as written).</summary>
    private static ConfigMapping JobTree(ConfigMapping config) =>
        ConfigMapping.FromPairs(config.Entries.Where(e => e.Key != HydraNode.Key).Select(e => (e.Key, e.Value.Clone())));

    /// <summary>The config a trial sees: without the sweep's own sections and the command.</summary>
    private static ConfigMapping TrialConfig(ConfigMapping job)
    {
        foreach (string key in SweepKeys)
        {
            job.Remove(key);
        }

        if (job.TryGetValue("experiment", out ConfigNode? e) && e is ConfigMapping experiment)
        {
            experiment.Remove("command");
        }

        return job;
    }
}
