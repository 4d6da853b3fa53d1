using Wnn.Experiments.Config;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Reads seed 004's form: an experiment config with <c>hydra.sweeper.params</c>, <c>hydra.sweep.dir/subdir</c> and
/// <c>hydra.job.name</c>, planned by an <see cref="IHydraMultirun"/>. The trial command is <c>experiment.command</c>;
/// top-level <c>execution</c> and <c>optimization</c> sections (seed 003's) are read and removed from the trial config.
/// </summary>
internal static class HydraSweepReader
{
    public static SweepDefinition Read(Dictionary<string, object?> root, string path, IReadOnlyList<string> overrides, SweepReadOptions options, IHydraMultirun multirun)
    {
        string configDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var tree = (Dictionary<string, object?>)ConfigTree.Clone(root)!;
        object? executionNode = tree.GetValueOrDefault("execution");
        object? optimizationNode = tree.GetValueOrDefault("optimization");
        tree.Remove("execution");
        tree.Remove("optimization");
        ConfigTree.TryGet(tree, "experiment.command", out object? commandNode);
        if (tree.GetValueOrDefault("experiment") is Dictionary<string, object?> exp)
        {
            exp.Remove("command");
        }

        DateTimeOffset now = options.Now ?? DateTimeOffset.Now;
        HydraMultirunPlan plan = multirun.Plan(tree, overrides, now);
        (string? launcher, Wnn.Launchers.Slurm.SlurmOptions? slurm) = SweepLauncherSection.Hydra(tree);
        SweepExecution execution = SweepSections.Execution(executionNode, options, launcher) with { Slurm = slurm };
        SweepOptimization optimization = SweepSections.Optimization(optimizationNode, options, "tpe", execution.EarlyStopping?.Metric);
        if (options.Sampler is not null)
        {
            throw new ConfigException("--sampler: a Hydra multirun config runs its job list; use seed 003's form (sweep_type: bayesian) for a study sweep");
        }

        IReadOnlyList<string> command = SweepSections.Command(commandNode, "experiment.command", configDir);
        string name = plan.JobName ?? (ConfigTree.TryGet(plan.Config, "experiment.name", out object? n) && n is string ns ? ns : Path.GetFileNameWithoutExtension(path));

        // Keys with one value in every job are fixed overrides; the others are the swept parameters (categoricals).
        var keys = plan.Jobs.SelectMany(j => j.Select(kv => kv.Key)).Distinct().ToList();
        var swept = keys.Where(k => plan.Jobs.Select(j => j.FirstOrDefault(kv => kv.Key == k).Value).Distinct().Count() > 1).ToHashSet();
        List<KeyValuePair<string, object?>> baseOverrides = plan.Jobs.Count == 0 ? [] : [.. plan.Jobs[0].Where(kv => !swept.Contains(kv.Key))];
        List<SweepParameter> parameters = [.. keys.Where(swept.Contains).Select(k => new SweepParameter(k,
            SchemaSweepReader.Categorical([.. plan.Jobs.Select(j => j.First(kv => kv.Key == k).Value).Distinct()], "hydra.sweeper.params." + k)))];
        return new SweepDefinition
        {
            Name = name,
            Form = "hydra",
            Kind = SweepKind.Grid,
            Command = command,
            Config = plan.Config,
            BaseOverrides = baseOverrides,
            Parameters = parameters,
            Jobs = [.. plan.Jobs.Select(j => (IReadOnlyList<KeyValuePair<string, object?>>)[.. j.Where(kv => swept.Contains(kv.Key))])],
            Execution = execution,
            Optimization = optimization,
            SweepDir = Path.GetFullPath(options.SweepDir ?? plan.SweepDir),
            SubdirTemplate = plan.SubdirTemplate,
        };
    }
}
