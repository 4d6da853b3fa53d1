using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Experiments.Config.Composition;
using Wnn.Experiments.Sweeps;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// Turns a seed-002 HPO config (<see cref="ArchitecturalSearchConfig"/>) into a study sweep of the real trainer: the command
/// is <c>python examples/hpo/patchtst_train.py</c>, <c>arch_idx</c> is a table parameter over the precomputed architecture
/// list (each row passes d_model, n_layers, n_heads, d_ff and expect_param_count, so the trainer refuses a model that is not
/// the counted one), the training parameters follow, and the target is val_loss (the last epoch's; every epoch reports it,
/// so pruning works). The shape and <c>fixed</c> keys are passed to every trial. <c>timeout_hours</c> limits a run.
/// </summary>
public static class ArchitecturalSweepReader
{
    /// <summary>The form name of these sweeps (sweep.yaml, `wnn sweep show`).</summary>
    public const string Form = "arch";

    /// <summary>The trainer's parameter-count check key: the trainer exits 2 when the model it builds has another count.</summary>
    public const string ExpectParamCount = "expect_param_count";

    /// <summary>The metric a trial's value is: the last reported val_loss.</summary>
    public const string TargetMetric = "val_loss";

    /// <summary>The trainer, relative to the repository root (found from the config's directory upwards).</summary>
    public const string DefaultTrainer = "examples/hpo/patchtst_train.py";

    private static readonly string[] OptimizationKeys = ["sampler", "pruner", "seed"];

    /// <summary>True for a seed-002 HPO config: a training_search_space or search_space and no sweep-schema or Hydra sections.</summary>
    public static bool Accepts(IReadOnlyDictionary<string, object?> root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return (root.ContainsKey("training_search_space") || root.ContainsKey("search_space"))
            && !root.ContainsKey("experiment") && !root.ContainsKey("parameters") && !root.ContainsKey("hydra");
    }

    /// <summary>Reads the config (already loaded as <paramref name="root"/>) with command-line overrides (<c>key=value</c>, dotted keys into mappings).</summary>
    /// <exception cref="ConfigException">A bad key or value, no architecture in the budget, a trainer or interpreter that is missing.</exception>
    public static SweepDefinition Read(Dictionary<string, object?> root, string path, IReadOnlyList<string> overrides, SweepReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(options);
        foreach (string o in overrides)
        {
            int eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigException($"override '{o}': expected key=value, e.g. budget=200K or fixed.data_len=800");
            }

            ConfigTree.Set(root, o[..eq].Trim().TrimStart('+'), ConfigTree.ParseValue(o[(eq + 1)..]));
        }

        try
        {
            return Definition(ArchitecturalSearchConfig.FromYaml(ConfigTree.ToYaml(root)), path, options);
        }
        catch (ConfigException ex)
        {
            throw new ConfigException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>The sweep definition of a loaded config; <paramref name="path"/> is the config file (relative trainer paths start there). Messages do not name the file.</summary>
    public static SweepDefinition Definition(ArchitecturalSearchConfig config, string path, SweepReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (config.Model != TransformerModelKind.PatchTst)
        {
            throw new ConfigException($"model: {TransformerModels.NameOf(config.Model)} is counted, not trained; an HPO sweep trains patchtst");
        }

        string configDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        IReadOnlyList<SizedArchitecture> architectures = config.ResolveArchitectures();
        var objective = new ArchitecturalObjective(architectures, config.TrainingSearchSpace, config.Budget);
        var table = new SweepParameter(ArchitecturalObjective.ArchIdx, objective.ArchDistribution)
        {
            Rows = [.. architectures.Select(Row)],
        };
        List<SweepParameter> parameters = [table, .. config.TrainingSearchSpace.Select(p => new SweepParameter(p.Key, p.Value))];

        var fixedOverrides = new List<KeyValuePair<string, object?>>
        {
            new("n_vars", config.Shape.NVars), new("seq_len", config.Shape.SeqLen), new("patch_len", config.Shape.PatchLen),
            new("stride", config.Shape.Stride), new("horizon", config.Shape.Horizon),
        };
        fixedOverrides.AddRange(config.Fixed.Select(f => new KeyValuePair<string, object?>(f.Key, ConfigTree.Scalar(f.Value))));
        var tree = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> kv in fixedOverrides)
        {
            ConfigTree.Set(tree, kv.Key, kv.Value);
        }

        IReadOnlyDictionary<string, object?> settings = config.SweepSettings;
        SweepExecution execution = SweepSections.Execution(settings.GetValueOrDefault("execution"), options);
        if (execution.OverridesAs != OverrideStyle.Hydra)
        {
            throw new ConfigException($"execution.overrides_as: the trainer reads key=value arguments; leave it at hydra");
        }

        execution = execution with { MaxDuration = config.TimeoutHours is double h ? TimeSpan.FromHours(h) : null };
        SweepOptimization optimization = SweepSections.Optimization(OptimizationSection(settings.GetValueOrDefault("optimization"), config), options, "tpe", null);

        string name = config.StudyName ?? Path.GetFileNameWithoutExtension(path);
        DateTimeOffset now = options.Now ?? DateTimeOffset.Now;
        string dirTemplate = settings.GetValueOrDefault("sweep_dir") is object d ? ConfigTree.Format(d) : SweepDirectory.DefaultTemplate;
        var names = new Dictionary<string, object?> { ["name"] = name, ["study_name"] = name };
        if (settings.GetValueOrDefault("env") is Dictionary<string, object?> env)
        {
            names["env"] = env;
        }

        string sweepDir = Path.GetFullPath(options.SweepDir ?? SweepDirectory.Resolve(dirTemplate, (ConfigMapping)ConfigNode.FromPlainObject(names), name, now, "sweep_dir"));
        string experimentLog = settings.GetValueOrDefault("experiment_log") is object log
            ? Path.GetFullPath(ConfigTree.Format(log))
            : Path.Combine(Path.GetDirectoryName(sweepDir)!, ExperimentLog.DefaultFileName);

        return new SweepDefinition
        {
            Name = name,
            Form = Form,
            Kind = SweepKind.Study,
            Command = SweepSections.Command(new List<object?> { config.Python ?? TorchPython.Resolve(), Trainer(config.Trainer, configDir) }, "python/trainer", configDir),
            Config = tree,
            BaseOverrides = fixedOverrides,
            Parameters = parameters,
            Execution = execution,
            Optimization = optimization,
            SweepDir = sweepDir,
            Hooks = new ArchitecturalSweepHooks(objective, config.Shape, config.Fixed, experimentLog),
        };
    }

    /// <summary>The overrides one architecture stands for.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Row(SizedArchitecture s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Architecture a = s.Architecture;
        return [new("d_model", a.DModel), new("n_layers", a.NLayers), new("n_heads", a.NHeads), new("d_ff", a.DFf), new(ExpectParamCount, s.ParamCount)];
    }

    private static Dictionary<string, object?> OptimizationSection(object? node, ArchitecturalSearchConfig config)
    {
        Dictionary<string, object?> given = node switch
        {
            null => [],
            Dictionary<string, object?> m => m,
            _ => throw new ConfigException($"optimization: expected a mapping of {string.Join(", ", OptimizationKeys)}"),
        };
        if (given.Keys.FirstOrDefault(k => !OptimizationKeys.Contains(k)) is string other)
        {
            throw new ConfigException($"optimization.{other}: not allowed here; allowed: {string.Join(", ", OptimizationKeys)} (n_trials and direction are top-level keys, the target is always {TargetMetric})");
        }

        var map = new Dictionary<string, object?>(given)
        {
            ["target_metric"] = TargetMetric,
            ["direction"] = config.Direction == StudyDirection.Minimize ? "minimize" : "maximize",
            ["n_trials"] = config.NTrials,
        };
        map.TryAdd("pruner", "median");
        return map;
    }

    private static string Trainer(string? given, string configDir)
    {
        if (given is not null)
        {
            foreach (string candidate in new[] { Path.Combine(configDir, given), given })
            {
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            throw new ConfigException($"trainer: '{given}' is neither next to the config ({configDir}) nor under the current directory");
        }

        for (string? dir = configDir; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, DefaultTrainer)))
            {
                return Path.Combine(dir, DefaultTrainer);
            }
        }

        return File.Exists(DefaultTrainer)
            ? Path.GetFullPath(DefaultTrainer)
            : throw new ConfigException($"trainer: {DefaultTrainer} is not found above {configDir} nor in the current directory; give trainer: PATH");
    }

    internal static string Describe(SizedArchitecture s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Architecture} ({s.ParamCount:N0} params)");
}
