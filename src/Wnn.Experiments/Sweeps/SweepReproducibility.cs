using System.Security.Cryptography;
using Wnn.Launchers;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// What makes a sweep reproducible, recorded under <c>reproducibility</c> in sweep.yaml when it is created: the Wnn version and
/// commit, the config hashes, the seeds and the trial command's own version (<c>COMMAND --version</c>, when it answers).
/// </summary>
public static class SweepReproducibility
{
    /// <summary>The key in sweep.yaml.</summary>
    public const string Key = "reproducibility";

    /// <summary>How long the command gets to print its version.</summary>
    public static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The record of a new sweep.</summary>
    public static Dictionary<string, object?> Record(SweepDefinition definition, SweepSource source, string identity)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(source);
        return new Dictionary<string, object?>
        {
            ["wnn_version"] = WnnBuild.Version,
            ["wnn_commit"] = WnnBuild.Commit,
            ["config_hash"] = identity,
            ["config_file_sha256"] = File.Exists(source.Path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source.Path))) : null,
            ["seeds"] = Seeds(definition),
            ["command"] = definition.Command.Select(c => (object?)c).ToList(),
            ["command_version"] = CommandVersion(definition.Command),
        };
    }

    /// <summary>The sampler's seed and every fixed config key whose name mentions a seed (<c>training.seed: 42</c>).</summary>
    private static Dictionary<string, object?> Seeds(SweepDefinition definition)
    {
        var seeds = new Dictionary<string, object?> { ["sampler"] = definition.Optimization.Seed };
        foreach (KeyValuePair<string, string> kv in ConfigTree.Flatten(definition.Config.ToDictionary(kv => kv.Key, kv => kv.Value)))
        {
            if (kv.Key.Split('.')[^1].Contains("seed", StringComparison.OrdinalIgnoreCase))
            {
                seeds[kv.Key] = kv.Value;
            }
        }

        foreach (SweepParameter p in definition.Parameters.Where(p => p.Name.Split('.')[^1].Contains("seed", StringComparison.OrdinalIgnoreCase)))
        {
            seeds[p.Name] = "swept: " + p.Distribution.Describe();
        }

        return seeds;
    }

    /// <summary>
    /// The first line of <c>EXECUTABLE --version</c> (the command's first word only, so a training script is not started), or
    /// null when it does not answer with exit code 0 within <see cref="VersionTimeout"/>. Run in its own process group in a
    /// scratch folder, like a trial.
    /// </summary>
    public static string? CommandVersion(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            return null;
        }

        string scratch = Directory.CreateTempSubdirectory("wnn-version-").FullName;
        try
        {
            using TrialProcess process = TrialProcess.Start(new TrialLaunch
            {
                Command = [command[0], "--version"],
                WorkingDirectory = scratch,
                Timeout = VersionTimeout,
                KillGrace = TimeSpan.FromSeconds(1),
            });
            TrialExit exit = process.Completion.GetAwaiter().GetResult();
            string log = Path.Combine(scratch, "run.log");
            if (!exit.Succeeded || !File.Exists(log))
            {
                return null;
            }

            string? first = File.ReadLines(log).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            return first is null ? null : first.Length <= 200 ? first : first[..200];
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // A child that outlived its kill may still hold the folder; it is only a temp folder.
            }
        }
    }
}
