using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Experiments.Config.Composition;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Reads seed 003's sweep schema: <c>sweep_type</c>, <c>experiment</c> (fixed values and lists that expand; <c>command</c>,
/// <c>name</c>), <c>parameters</c> (grid lists or <c>{type, low, high, log, step, choices}</c>), <c>execution</c>,
/// <c>optimization</c>, and optionally <c>sweep_dir</c> / <c>subdir</c> and <c>slurm</c> (the Slurm launcher's options).
/// </summary>
internal static class SchemaSweepReader
{
    private static readonly string[] TopKeys = ["sweep_type", "name", "experiment", "parameters", "execution", "optimization", "sweep_dir", "subdir", "env", "slurm", SweepTracking.Key, "strategy"];
    private static readonly string[] ReservedExperimentKeys = ["command", "name", "description"];
    private static readonly string[] DistributionKeys = ["type", "low", "high", "log", "step", "choices"];

    public static SweepDefinition Read(Dictionary<string, object?> root, string path, SweepReadOptions options)
    {
        SweepSections.Map(root, "config", TopKeys);
        string configDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Dictionary<string, object?> experiment = SweepSections.Map(root.GetValueOrDefault("experiment"), "experiment", null);
        Dictionary<string, object?> parameters = SweepSections.Map(root.GetValueOrDefault("parameters"), "parameters", null);
        string sweepType = SweepSections.Text(root, "sweep_type")?.ToLowerInvariant() ?? "grid";
        Strategies.SweepStrategy strategy = Strategies.SweepStrategyReader.Read(root.GetValueOrDefault("strategy"));
        SweepKind kind = sweepType switch
        {
            // A strategy that plans its jobs reads the parameters as distributions and enqueues every job's values itself.
            _ when strategy.PlansJobs && sweepType is "grid" or "bayesian" or "study" or "optuna" or "random" => SweepKind.Study,
            "grid" => options.Sampler is null ? SweepKind.Grid : SweepKind.Study,
            "bayesian" or "study" or "optuna" => SweepKind.Study,
            "random" => SweepKind.Study,
            _ => throw new ConfigException($"sweep_type: '{sweepType}' is not allowed; allowed: grid, bayesian, random"),
        };
        string defaultSampler = sweepType == "random" ? "random" : strategy.Type == Strategies.SweepStrategyReader.MultiObjective ? "nsga2" : "tpe";
        SweepExecution execution = SweepSections.Execution(root.GetValueOrDefault("execution"), options) with { Slurm = SweepLauncherSection.Schema(root.GetValueOrDefault("slurm")) };
        SweepOptimization optimization = SweepSections.Optimization(root.GetValueOrDefault("optimization"), options, defaultSampler, execution.EarlyStopping?.Metric);
        if (strategy.Type != Strategies.SweepStrategyReader.None && optimization.TargetMetric is null)
        {
            throw new ConfigException($"strategy.type: {strategy.Type} ranks trials by a metric; set optimization.target_metric (e.g. val_loss)");
        }

        string name = SweepSections.Text(experiment, "name") ?? SweepSections.Text(root, "name") ?? Path.GetFileNameWithoutExtension(path);
        IReadOnlyList<string> command = SweepSections.Command(experiment.GetValueOrDefault("command"), "experiment.command", configDir);

        var config = new Dictionary<string, object?>();
        var baseOverrides = new List<KeyValuePair<string, object?>>();
        var swept = new List<(string Key, List<object?>? Values, ParameterDistribution? Distribution)>();
        foreach ((string key, object? value) in experiment.Where(kv => !ReservedExperimentKeys.Contains(kv.Key)))
        {
            Add("experiment." + key, key, value, allowDistribution: false);
        }

        foreach ((string key, object? value) in parameters)
        {
            Add("parameters." + key, key, value, allowDistribution: true);
        }

        void Add(string where, string key, object? value, bool allowDistribution)
        {
            switch (value)
            {
                case List<object?> list:
                    swept.Add((key, Choices(list, where), null));
                    break;
                case Dictionary<string, object?> map when allowDistribution:
                    ParameterDistribution d = Distribution(map, where);
                    if (kind == SweepKind.Grid)
                    {
                        swept.Add((key, GridValues(d, where), null));
                    }
                    else
                    {
                        swept.Add((key, null, d));
                    }

                    break;
                default:
                    ConfigTree.Set(config, key, ConfigTree.Clone(value));
                    baseOverrides.Add(new(key, value));
                    break;
            }
        }

        if (swept.Select(s => s.Key).GroupBy(k => k).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            throw new ConfigException($"'{dup.Key}' is swept in both experiment and parameters; keep one");
        }

        List<SweepParameter> space = [.. swept.Select(s => new SweepParameter(s.Key, s.Distribution ?? Categorical(s.Values!, s.Key)))];
        List<IReadOnlyList<KeyValuePair<string, object?>>> jobs = [];
        if (kind == SweepKind.Grid)
        {
            if (swept.Count == 0)
            {
                jobs.Add([]);
            }
            else
            {
                jobs = Product(swept.Select(s => (s.Key, s.Values!)).ToList());
            }
        }

        string dirTemplate = SweepSections.Text(root, "sweep_dir") ?? SweepDirectory.DefaultTemplate;
        DateTimeOffset now = options.Now ?? DateTimeOffset.Now;
        var tree = (ConfigMapping)ConfigNode.FromPlainObject(root);
        tree["name"] = new ConfigScalar(name);
        string dir = options.SweepDir ?? SweepDirectory.Resolve(dirTemplate, tree, name, now, "sweep_dir");
        return new SweepDefinition
        {
            Name = name,
            Form = "schema",
            Kind = kind,
            Command = command,
            Config = config,
            BaseOverrides = baseOverrides,
            Parameters = space,
            Jobs = jobs,
            Execution = execution,
            Optimization = optimization,
            Tracking = SweepTracking.Read(root.GetValueOrDefault(SweepTracking.Key)),
            Strategy = strategy,
            SweepDir = Path.GetFullPath(dir),
            SubdirTemplate = SweepSections.Text(root, "subdir") ?? "${hydra.job.num}",
        };
    }

    /// <summary>Every combination, the last key varying fastest (as Hydra's basic sweeper and itertools.product).</summary>
    public static List<IReadOnlyList<KeyValuePair<string, object?>>> Product(List<(string Key, List<object?> Values)> axes)
    {
        var jobs = new List<IReadOnlyList<KeyValuePair<string, object?>>> { Array.Empty<KeyValuePair<string, object?>>() };
        foreach ((string key, List<object?> values) in axes)
        {
            jobs = [.. jobs.SelectMany(prefix => values.Select(v => (IReadOnlyList<KeyValuePair<string, object?>>)[.. prefix, new(key, v)]))];
        }

        return jobs;
    }

    public static CategoricalDistribution Categorical(List<object?> values, string where)
    {
        try
        {
            return new CategoricalDistribution(values);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException($"{where}: {Message(ex)}", ex);
        }
    }

    private static List<object?> Choices(List<object?> list, string where)
    {
        if (list.Count == 0)
        {
            throw new ConfigException($"{where}: the list is empty; list one or more values");
        }

        if (list.Any(v => v is Dictionary<string, object?> or List<object?>))
        {
            throw new ConfigException($"{where}: list values must be scalars (numbers, strings, true/false), got {ConfigTree.Format(list)}");
        }

        return list;
    }

    private static ParameterDistribution Distribution(Dictionary<string, object?> map, string where)
    {
        SweepSections.Map(map, where, DistributionKeys);
        string type = SweepSections.Text(map, "type")?.ToLowerInvariant()
            ?? throw new ConfigException($"{where}.type: missing; allowed: categorical, int, float (or give a list of values)");
        bool log = map.TryGetValue("log", out object? l) && l is not null && (l is bool b ? b : throw new ConfigException($"{where}.log: expected true or false, got {ConfigTree.Format(l)}"));
        try
        {
            switch (type)
            {
                case "categorical":
                    return map.TryGetValue("choices", out object? c) && c is List<object?> choices
                        ? Categorical(Choices(choices, where + ".choices"), where + ".choices")
                        : throw new ConfigException($"{where}.choices: missing; a categorical parameter lists its choices, e.g. choices: [4, 8, 16]");
                case "int":
                    int low = Int(map, "low", where), high = Int(map, "high", where);
                    int step = map.ContainsKey("step") ? Int(map, "step", where) : 1;
                    return new IntDistribution(low, high, log, step);
                case "float":
                    double lo = SweepSections.Number(Need(map, "low", where), where + ".low"), hi = SweepSections.Number(Need(map, "high", where), where + ".high");
                    double? fs = map.TryGetValue("step", out object? s) && s is not null ? SweepSections.Number(s, where + ".step") : null;
                    return new FloatDistribution(lo, hi, log, fs);
                default:
                    throw new ConfigException($"{where}.type: '{type}' is not allowed; allowed: categorical, int, float");
            }
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException($"{where}: {Message(ex)}", ex);
        }
    }

    private static List<object?> GridValues(ParameterDistribution d, string where) => d switch
    {
        CategoricalDistribution c => [.. Enumerable.Range(0, c.Choices.Count).Select(i => c.Choices[i])],
        IntDistribution i when !i.Log && (((long)i.High - i.Low) / i.Step) < 1000 => [.. Enumerable.Range(0, ((i.High - i.Low) / i.Step) + 1).Select(k => (object?)(i.Low + (k * i.Step)))],
        FloatDistribution f when f.Step is double s && !f.Log && ((f.High - f.Low) / s) < 1000 =>
            [.. Enumerable.Range(0, (int)Math.Round((f.High - f.Low) / s) + 1).Select(k => (object?)Math.Round(f.Low + (k * s), 12))],
        _ => throw new ConfigException($"{where}: a grid needs a list of values (or an int range or a float range with step); use sweep_type: bayesian to sample {d.Describe()}"),
    };

    private static object Need(Dictionary<string, object?> map, string key, string where) =>
        map.TryGetValue(key, out object? v) && v is not null ? v : throw new ConfigException($"{where}.{key}: missing");

    private static int Int(Dictionary<string, object?> map, string key, string where)
    {
        double d = SweepSections.Number(Need(map, key, where), $"{where}.{key}");
        return d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue
            ? (int)d
            : throw new ConfigException($"{where}.{key}: expected an integer, got {d.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Message(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
}
