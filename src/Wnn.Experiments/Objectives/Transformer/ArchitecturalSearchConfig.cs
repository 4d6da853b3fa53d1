using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Experiments.Sweeps;
using Wnn.Search;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// An HPO config of seed 002: n_trials, timeout_hours, direction and the training search space
/// (<c>training_search_space</c>, or <c>search_space</c> in the backward-compatible default_search.yaml). Configs written by
/// <see cref="HpoTemplates"/> add the budget, the model shape and the precomputed architecture list; <c>fixed</c>,
/// <c>python</c>, <c>trainer</c> and the sweep sections (<see cref="SweepKeys"/>) say how <see cref="ArchitecturalSweepReader"/>
/// runs it as a sweep.
/// </summary>
public sealed record ArchitecturalSearchConfig
{
    /// <summary>Keys read by the sweep (<see cref="ArchitecturalSweepReader"/>) in the sweep schema's own form and kept here as written.</summary>
    public static IReadOnlyList<string> SweepKeys { get; } = ["execution", "optimization", "sweep_dir", "experiment_log"];

    /// <summary>The accepted top-level keys.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "n_trials", "timeout_hours", "direction", "training_search_space", "search_space", "study_name", "budget", "model",
        "n_vars", "seq_len", "patch_len", "stride", "horizon", "trainer", "python", "fixed", "architectures", .. SweepKeys,
    ];

    /// <summary>The architecture of the backward-compatible training-only config (default_search.yaml): the trainer's defaults.</summary>
    public static Architecture DefaultArchitecture { get; } = new(64, 2, 4, 128);

    /// <summary>Trials to run. Default 50.</summary>
    public int NTrials { get; init; } = 50;

    /// <summary>Wall-clock limit of the whole study in hours; null (default) for none.</summary>
    public double? TimeoutHours { get; init; }

    /// <summary>Direction of val_loss. Default minimize.</summary>
    public StudyDirection Direction { get; init; } = StudyDirection.Minimize;

    /// <summary>The training parameters in file order (architecture parameters come from the architecture list).</summary>
    public IReadOnlyList<KeyValuePair<string, ParameterDistribution>> TrainingSearchSpace { get; init; } = [];

    /// <summary>Study name written by the templates, or null.</summary>
    public string? StudyName { get; init; }

    /// <summary>The parameter budget, or null when the config does not fix one.</summary>
    public ParamBudget? Budget { get; init; }

    /// <summary>The counted model. Default patchtst.</summary>
    public TransformerModelKind Model { get; init; } = TransformerModelKind.PatchTst;

    /// <summary>The forecaster's sizes (horizon, window, patches).</summary>
    public PatchTstShape Shape { get; init; } = new();

    /// <summary>The trial command written by the templates, or null.</summary>
    public string? Trainer { get; init; }

    /// <summary>The interpreter that runs the trainer, or null for $WNN_PYTHON, else /usr/bin/python3.</summary>
    public string? Python { get; init; }

    /// <summary>Trainer keys every trial gets (data_len, threads, seed, …), in file order, as text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fixed { get; init; } = [];

    /// <summary>The sweep settings (<see cref="SweepKeys"/>) as written, for the sweep reader and the templates.</summary>
    public IReadOnlyDictionary<string, object?> SweepSettings { get; init; } = new Dictionary<string, object?>();

    /// <summary>True for the backward-compatible form (search_space, no budget, no list): one architecture, <see cref="DefaultArchitecture"/>.</summary>
    public bool TrainingOnly { get; init; }

    /// <summary>The precomputed architecture list (arch_idx indexes it), or null when the config leaves it to the budget.</summary>
    public IReadOnlyList<SizedArchitecture>? Architectures { get; init; }

    /// <summary>The architecture list: the stored one, else the budget's selection; throws when neither is given.</summary>
    /// <exception cref="ConfigException">No budget and no list, or a budget no architecture meets (the message names the nearest).</exception>
    public IReadOnlyList<SizedArchitecture> ResolveArchitectures()
    {
        if (Architectures is { } list)
        {
            return list;
        }

        if (TrainingOnly)
        {
            return [new SizedArchitecture(DefaultArchitecture, ArchitectureParamCount.Estimate(Model, DefaultArchitecture, Shape))];
        }

        return Budget is ParamBudget b
            ? Wrap("budget", () => ArchitectureGrid.ForBudget(b, Model, Shape))
            : throw new ConfigException("the config has neither 'architectures' nor 'budget'; give a budget such as budget=200K (or generate configs with `wnn arch templates`)");
    }

    /// <summary>Reads a config file.</summary>
    /// <exception cref="ConfigException">The file is missing or invalid (the message names the key).</exception>
    public static ArchitecturalSearchConfig Load(string path)
        => ConfigFile.Load(path, "HPO config", FromYaml);

    /// <summary>Parses YAML text.</summary>
    /// <exception cref="ConfigException">Unknown key, wrong type, invalid distribution, malformed YAML.</exception>
    public static ArchitecturalSearchConfig FromYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"invalid YAML at line {ex.Start.Line}: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new ConfigException("an HPO config must be a YAML mapping (n_trials, direction, training_search_space, …)");
        }

        Dictionary<string, object?> raw = ConfigTree.Parse(yaml);
        var config = new ArchitecturalSearchConfig
        {
            SweepSettings = raw.Where(kv => SweepKeys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value),
        };
        var shape = new PatchTstShape();
        bool hasSpace = false, legacySpace = false;
        foreach (var (k, v) in map.Children)
        {
            string key = SearchSpaceYaml.Scalar(k, "config") ?? string.Empty;
            switch (key)
            {
                case "n_trials":
                    config = config with { NTrials = PositiveInt(v, key) };
                    break;
                case "timeout_hours":
                    config = config with { TimeoutHours = IsNull(v) ? null : PositiveNumber(v, key) };
                    break;
                case "direction":
                    config = config with
                    {
                        Direction = Text(v, key) switch
                        {
                            "minimize" => StudyDirection.Minimize,
                            "maximize" => StudyDirection.Maximize,
                            string other => throw new ConfigException($"direction: '{other}' is not allowed; allowed: minimize, maximize"),
                        },
                    };
                    break;
                case "training_search_space" or "search_space":
                    if (hasSpace)
                    {
                        throw new ConfigException("give either training_search_space or search_space, not both");
                    }

                    hasSpace = true;
                    legacySpace = key == "search_space";
                    config = config with { TrainingSearchSpace = SearchSpaceYaml.Parse(v, key) };
                    break;
                case "study_name":
                    config = config with { StudyName = Text(v, key) };
                    break;
                case "budget":
                    config = config with { Budget = Wrap(key, () => ParamBudget.Parse(Text(v, key))) };
                    break;
                case "model":
                    config = config with { Model = Wrap(key, () => TransformerModels.Parse(Text(v, key))) };
                    break;
                case "n_vars":
                    shape = shape with { NVars = PositiveInt(v, key) };
                    break;
                case "seq_len":
                    shape = shape with { SeqLen = PositiveInt(v, key) };
                    break;
                case "patch_len":
                    shape = shape with { PatchLen = PositiveInt(v, key) };
                    break;
                case "stride":
                    shape = shape with { Stride = PositiveInt(v, key) };
                    break;
                case "horizon":
                    shape = shape with { Horizon = PositiveInt(v, key) };
                    break;
                case "trainer":
                    config = config with { Trainer = Text(v, key) };
                    break;
                case "python":
                    config = config with { Python = Text(v, key) };
                    break;
                case "fixed":
                    config = config with { Fixed = FixedKeys(raw.GetValueOrDefault(key)) };
                    break;
                case "execution" or "optimization" or "sweep_dir" or "experiment_log":
                    break;
                case "architectures":
                    config = config with { Architectures = ArchitectureList(v) };
                    break;
                default:
                    throw new ConfigException($"unknown key '{key}'; allowed: {string.Join(", ", Keys)}");
            }
        }

        if (!hasSpace)
        {
            throw new ConfigException("training_search_space is missing (learning_rate, epochs, batch_size, weight_decay, warmup_steps)");
        }

        if (config.TrainingSearchSpace.FirstOrDefault(p => TrainerOverrides.ArchitectureKeys.Contains(p.Key) || p.Key == ArchitecturalObjective.ArchIdx) is { Key: not null } clash)
        {
            throw new ConfigException($"training_search_space: '{clash.Key}' is architectural; the architecture comes from the architecture list (arch_idx)");
        }

        if (config.Fixed.FirstOrDefault(f => config.TrainingSearchSpace.Any(p => p.Key == f.Key)) is { Key: not null } both)
        {
            throw new ConfigException($"fixed.{both.Key}: the key is also in the search space; keep one");
        }

        config = config with { Shape = Wrap("shape", shape.Validate), TrainingOnly = legacySpace && config.Budget is null && config.Architectures is null };
        if (config.Architectures is { } list)
        {
            foreach (SizedArchitecture s in list)
            {
                long count = ArchitectureParamCount.Estimate(config.Model, s.Architecture, config.Shape);
                if (count != s.ParamCount)
                {
                    throw new ConfigException($"architectures: {s.Architecture} has {count.ToString(CultureInfo.InvariantCulture)} parameters for this model and shape, not {s.ParamCount.ToString(CultureInfo.InvariantCulture)}; regenerate the config");
                }
            }
        }

        return config;
    }

    /// <summary>The keys <c>fixed</c> may not set: the architecture and its check come from the list, the shape from the top level.</summary>
    private static readonly string[] NotFixed = ["arch_idx", "expect_param_count", "model", "n_vars", "seq_len", "patch_len", "stride", "horizon"];

    private static List<KeyValuePair<string, string>> FixedKeys(object? node)
    {
        if (node is not Dictionary<string, object?> map)
        {
            throw new ConfigException("fixed: expected a mapping of trainer key → value, e.g. {data_len: 1400, seed: 0}");
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach ((string key, object? value) in map)
        {
            if (TrainerOverrides.ArchitectureKeys.Contains(key) || NotFixed.Contains(key))
            {
                throw new ConfigException($"fixed.{key}: not allowed here ({(TrainerOverrides.ArchitectureKeys.Contains(key) || key is "arch_idx" or "expect_param_count" ? "the architecture comes from the list" : "give it at the top level")})");
            }

            if (value is null or Dictionary<string, object?> or List<object?>)
            {
                throw new ConfigException($"fixed.{key}: expected a scalar value, got {ConfigTree.Format(value)}");
            }

            result.Add(new(key, ConfigTree.Format(value)));
        }

        return result;
    }

    private static List<SizedArchitecture> ArchitectureList(YamlNode node)
    {
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw new ConfigException("architectures: expected a non-empty list of {d_model, n_layers, n_heads, d_ff, param_count}");
        }

        var result = new List<SizedArchitecture>();
        foreach (YamlNode item in list.Children)
        {
            string where = $"architectures[{result.Count.ToString(CultureInfo.InvariantCulture)}]";
            if (item is not YamlMappingNode m)
            {
                throw new ConfigException($"{where}: expected a mapping");
            }

            var f = m.Children.ToDictionary(p => SearchSpaceYaml.Scalar(p.Key, where) ?? string.Empty, p => p.Value);
            int Get(string k) => f.TryGetValue(k, out YamlNode? n) ? PositiveInt(n, $"{where}.{k}") : throw new ConfigException($"{where}: '{k}' is missing");
            var a = Wrap(where, () => new Architecture(Get("d_model"), Get("n_layers"), Get("n_heads"), Get("d_ff")).Validate());
            long count = f.TryGetValue("param_count", out YamlNode? c) && long.TryParse(Text(c, where), CultureInfo.InvariantCulture, out long pc) ? pc
                : throw new ConfigException($"{where}: 'param_count' is missing or not an integer");
            result.Add(new SizedArchitecture(a, count));
        }

        return result;
    }

    private static T Wrap<T>(string key, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException($"{key}: {ex.Message}", ex);
        }
    }

    private static bool IsNull(YamlNode v) => v is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "null" or "~" };

    private static string Text(YamlNode v, string key) =>
        SearchSpaceYaml.Scalar(v, key) is { Length: > 0 } s ? s : throw new ConfigException($"{key}: a value is required");

    private static int PositiveInt(YamlNode v, string key) =>
        int.TryParse(Text(v, key), NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i > 0
            ? i
            : throw new ConfigException($"{key}: '{Text(v, key)}' is not a positive integer");

    private static double PositiveNumber(YamlNode v, string key) =>
        double.TryParse(Text(v, key), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) && d > 0
            ? d
            : throw new ConfigException($"{key}: '{Text(v, key)}' is not a positive number (or null)");
}
