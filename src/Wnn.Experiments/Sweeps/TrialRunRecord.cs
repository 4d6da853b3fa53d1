using System.Globalization;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// trial.yaml in a run directory: the exact command line, environment and limits a trial was started with, so that
/// <c>wnn sweep rerun</c> can start it again (its config is the run directory's cfg.yaml).
/// </summary>
/// <param name="TrialNumber">The study trial number of the attempt that wrote it.</param>
/// <param name="RunDir">The run directory it was written for.</param>
/// <param name="CommandLine">The full command line.</param>
/// <param name="Environment">The variables set for the trial on top of the controller's environment.</param>
/// <param name="Timeout">The wall-clock limit, or null.</param>
/// <param name="KillGrace">The SIGTERM-to-SIGKILL grace.</param>
public sealed record TrialRunRecord(
    int TrialNumber, string RunDir, IReadOnlyList<string> CommandLine, IReadOnlyDictionary<string, string> Environment, TimeSpan? Timeout, TimeSpan KillGrace)
{
    /// <summary>The file name in the run directory.</summary>
    public const string FileName = "trial.yaml";

    /// <summary>Writes trial.yaml of a job into its run directory (atomically).</summary>
    public static void Write(TrialJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var doc = new Dictionary<string, object?>
        {
            ["trial"] = job.TrialNumber,
            ["run_dir"] = job.RunDir,
            ["command"] = job.CommandLine.Select(c => (object?)c).ToList(),
            ["environment"] = job.Environment.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
            ["timeout_s"] = job.Timeout?.TotalSeconds,
            ["kill_grace_s"] = job.KillGrace.TotalSeconds,
        };
        ConfigTree.WriteAtomic(Path.Combine(job.RunDir, FileName), ConfigTree.ToYaml(doc));
    }

    /// <summary>Reads trial.yaml of a run directory; a missing or damaged file is a <see cref="ConfigException"/>.</summary>
    public static TrialRunRecord Read(string runDir)
    {
        string path = Path.Combine(runDir, FileName);
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path} is missing: the trial was run by a Wnn without rerun records, or its run directory was removed");
        }

        Dictionary<string, object?> doc = ConfigTree.Load(path);
        if (doc.GetValueOrDefault("command") is not List<object?> { Count: > 0 } command)
        {
            throw new ConfigException($"{path}: 'command' must be a non-empty list");
        }

        var env = doc.GetValueOrDefault("environment") is Dictionary<string, object?> e
            ? e.ToDictionary(kv => kv.Key, kv => ConfigTree.Format(kv.Value))
            : [];
        return new TrialRunRecord(
            Convert.ToInt32(doc.GetValueOrDefault("trial") ?? -1, CultureInfo.InvariantCulture),
            doc.GetValueOrDefault("run_dir") as string ?? runDir,
            [.. command.Select(c => ConfigTree.Format(c))],
            env,
            Seconds(doc.GetValueOrDefault("timeout_s")),
            Seconds(doc.GetValueOrDefault("kill_grace_s")) ?? TimeSpan.FromSeconds(5));
    }

    private static TimeSpan? Seconds(object? value) => value is null ? null : TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
}
