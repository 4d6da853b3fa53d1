using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>Reads the sections both config forms share: <c>execution</c> and <c>optimization</c>, and the trial command.</summary>
internal static class SweepSections
{
    private static readonly string[] ExecutionKeys = ["max_parallel", "timeout_per_trial", "max_failures", "on_failure", "early_stopping", "overrides_as", "kill_grace", "heartbeat", "launcher"];
    private static readonly string[] OptimizationKeys = ["target_metric", "direction", "sampler", "pruner", "n_trials", "trials", "seed"];
    private static readonly string[] EarlyStoppingKeys = ["metric", "patience", "min_trials", "target"];

    /// <summary>The execution section; the launcher is --launcher, else execution.launcher, else the form's own (<paramref name="formLauncher"/>: hydra.launcher).</summary>
    public static SweepExecution Execution(object? node, SweepReadOptions options, string? formLauncher = null)
    {
        Dictionary<string, object?> map = Map(node, "execution", ExecutionKeys);
        string? launcher = SweepLauncherSection.Name(options.Launcher, "--launcher") ?? SweepLauncherSection.Name(Text(map, "launcher"), "execution.launcher") ?? formLauncher;
        var e = new SweepExecution { Launcher = launcher };
        e = e with
        {
            MaxParallel = options.MaxParallel ?? Int(map, "execution.max_parallel", "max_parallel", launcher == "slurm" ? SweepExecution.DefaultSlurmMaxParallel : 1, min: 1),
            TimeoutPerTrial = Seconds(map, "execution.timeout_per_trial", "timeout_per_trial"),
            MaxFailures = Int(map, "execution.max_failures", "max_failures", 0, min: 0),
            KillGrace = Seconds(map, "execution.kill_grace", "kill_grace") ?? e.KillGrace,
            Heartbeat = Seconds(map, "execution.heartbeat", "heartbeat") ?? e.Heartbeat,
            OnFailure = Text(map, "on_failure")?.ToLowerInvariant() switch
            {
                null or "continue" => FailurePolicy.Continue,
                "fail-fast" or "fail_fast" or "failfast" => FailurePolicy.FailFast,
                string other => throw new ConfigException($"execution.on_failure: '{other}' is not allowed; allowed: continue, fail-fast"),
            },
            OverridesAs = Text(map, "overrides_as")?.ToLowerInvariant() switch
            {
                null or "hydra" or "key=value" => OverrideStyle.Hydra,
                "flags" or "--key" or "gnu" => OverrideStyle.Flags,
                "none" or "files" => OverrideStyle.None,
                string other => throw new ConfigException($"execution.overrides_as: '{other}' is not allowed; allowed: hydra (key=value), flags (--key value), none (files and environment only)"),
            },
        };
        if (options.MaxParallel is int mp && mp < 1)
        {
            throw new ConfigException($"--max-parallel must be at least 1, got {mp}");
        }

        if (map.TryGetValue("early_stopping", out object? es) && es is not null)
        {
            Dictionary<string, object?> m = Map(es, "execution.early_stopping", EarlyStoppingKeys);
            string metric = Text(m, "metric") ?? throw new ConfigException("execution.early_stopping.metric: missing; name the metric to watch (e.g. val_acc)");
            e = e with
            {
                EarlyStopping = new SweepEarlyStopping
                {
                    Metric = metric,
                    Patience = m.ContainsKey("patience") ? Int(m, "execution.early_stopping.patience", "patience", 1, min: 1) : null,
                    MinTrials = Int(m, "execution.early_stopping.min_trials", "min_trials", 0, min: 0),
                    Target = m.TryGetValue("target", out object? t) && t is not null ? Number(t, "execution.early_stopping.target") : null,
                },
            };
        }

        return e;
    }

    public static SweepOptimization Optimization(object? node, SweepReadOptions options, string defaultSampler, string? fallbackMetric)
    {
        Dictionary<string, object?> map = Map(node, "optimization", OptimizationKeys);
        string? prunerName = null;
        IReadOnlyDictionary<string, object?> prunerOptions = new Dictionary<string, object?>();
        if (map.TryGetValue("pruner", out object? p) && p is not null)
        {
            if (p is Dictionary<string, object?> pm)
            {
                prunerName = pm.TryGetValue("type", out object? type) && type is string ts ? ts : throw new ConfigException("optimization.pruner.type: missing; e.g. type: median");
                prunerOptions = pm.Where(kv => kv.Key != "type").ToDictionary(kv => kv.Key, kv => kv.Value);
            }
            else
            {
                prunerName = p.ToString();
            }
        }

        int trials = options.Trials ?? (map.ContainsKey("n_trials") ? Int(map, "optimization.n_trials", "n_trials", 20, min: 1) : Int(map, "optimization.trials", "trials", 20, min: 1));
        if (trials < 1)
        {
            throw new ConfigException($"--trials must be at least 1, got {trials}");
        }

        return new SweepOptimization
        {
            TargetMetric = Text(map, "target_metric") ?? fallbackMetric,
            Direction = Text(map, "direction")?.ToLowerInvariant() switch
            {
                null or "minimize" or "min" => StudyDirection.Minimize,
                "maximize" or "max" => StudyDirection.Maximize,
                string other => throw new ConfigException($"optimization.direction: '{other}' is not allowed; allowed: minimize, maximize"),
            },
            Sampler = SweepCatalog.SamplerName(options.Sampler ?? Text(map, "sampler") ?? defaultSampler, options.Sampler is null ? "optimization.sampler" : "--sampler"),
            Pruner = SweepCatalog.PrunerName(prunerName, "optimization.pruner"),
            PrunerOptions = prunerOptions,
            Trials = trials,
            Seed = options.Seed ?? (map.TryGetValue("seed", out object? s) && s is not null ? (long)Number(s, "optimization.seed") : null),
        };
    }

    /// <summary>The trial command: a list of strings or one string split at spaces; relative paths that exist next to the config become absolute.</summary>
    public static IReadOnlyList<string> Command(object? node, string where, string configDir)
    {
        List<string> parts = node switch
        {
            null => throw new ConfigException($"{where}: missing; give the trial command, e.g. command: [\"python3\", \"train.py\"]"),
            string s => [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            List<object?> list => [.. list.Select(v => v is null or Dictionary<string, object?> or List<object?>
                ? throw new ConfigException($"{where}: every element must be a string, got {ConfigTree.Format(v)}")
                : ConfigTree.Format(v))],
            _ => throw new ConfigException($"{where}: expected a list of strings such as [\"python3\", \"train.py\"], got {ConfigTree.Format(node)}"),
        };
        if (parts.Count == 0 || parts[0].Length == 0)
        {
            throw new ConfigException($"{where}: is empty; give the trial command, e.g. command: [\"python3\", \"train.py\"]");
        }

        for (int i = 0; i < parts.Count; i++)
        {
            string a = parts[i];
            if (!Path.IsPathRooted(a) && !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal) && (i > 0 || a.Contains('/', StringComparison.Ordinal))
                && File.Exists(Path.Combine(configDir, a)))
            {
                parts[i] = Path.GetFullPath(Path.Combine(configDir, a));
            }
        }

        string exe = parts[0];
        if (exe.Contains('/', StringComparison.Ordinal))
        {
            if (!File.Exists(exe))
            {
                throw new ConfigException($"{where}: '{exe}' does not exist (relative paths are taken from the config's directory {configDir})");
            }
        }
        else if (FindOnPath(exe) is null)
        {
            throw new ConfigException($"{where}: command '{exe}' not found on PATH");
        }

        return parts;
    }

    public static Dictionary<string, object?> Map(object? node, string where, IReadOnlyCollection<string>? allowed)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not Dictionary<string, object?> map)
        {
            throw new ConfigException($"{where}: expected a mapping, got {ConfigTree.Format(node)}");
        }

        if (allowed is not null && map.Keys.FirstOrDefault(k => !allowed.Contains(k)) is string unknown)
        {
            throw new ConfigException($"{where}.{unknown}: unknown key; allowed: {string.Join(", ", allowed)}");
        }

        return map;
    }

    public static double Number(object? v, string where) => v switch
    {
        int i => i,
        long l => l,
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => throw new ConfigException($"{where}: expected a number, got {ConfigTree.Format(v)}"),
    };

    public static string? Text(Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out object? v) && v is not null ? (v is string s ? s : ConfigTree.Format(v)) : null;

    private static int Int(Dictionary<string, object?> map, string where, string key, int fallback, int min)
    {
        if (!map.TryGetValue(key, out object? v) || v is null)
        {
            return fallback;
        }

        double d = Number(v, where);
        return d == Math.Floor(d) && d >= min && d <= int.MaxValue
            ? (int)d
            : throw new ConfigException($"{where}: expected an integer ≥ {min}, got {ConfigTree.Format(v)}");
    }

    private static TimeSpan? Seconds(Dictionary<string, object?> map, string where, string key)
    {
        if (!map.TryGetValue(key, out object? v) || v is null)
        {
            return null;
        }

        double d = Number(v, where);
        return d > 0 && double.IsFinite(d) ? TimeSpan.FromSeconds(d) : throw new ConfigException($"{where}: expected a positive number of seconds, got {ConfigTree.Format(v)}");
    }

    private static string? FindOnPath(string exe)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
