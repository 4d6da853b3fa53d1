using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers.Slurm;

namespace Wnn.Cli;

/// <summary>The --launcher and --slurm options of the sweep commands and wnn slurm workers, and the command a Slurm task runs wnn with.</summary>
internal static class SlurmCliOptions
{
    /// <summary>Trials submitted at once by a Slurm sweep when --max-parallel is not given (array_parallelism limits how many run).</summary>
    public const int DefaultSlurmMaxParallel = 256;

    public static Option<string?> Launcher() => new("--launcher") { Description = "Where trials run: local (default) or slurm (one job array per batch; see docs/slurm.md). resume/work reuse the sweep's choice." };

    public static Option<string[]> Slurm() => new("--slurm")
    {
        Description = $"A Slurm option KEY=VALUE (repeatable), named as Hydra's submitit launcher: {string.Join(", ", SlurmOptions.Keys)}; additional_parameters=name=value;name=value passes any other sbatch option.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Parses the --slurm pairs on top of <paramref name="start"/>; bad input is a <see cref="CliException"/>.</summary>
    public static SlurmOptions Parse(IEnumerable<string> pairs, SlurmOptions? start = null)
    {
        try
        {
            return SlurmOptions.ParsePairs(pairs, start);
        }
        catch (FormatException ex)
        {
            throw new CliException("--slurm " + ex.Message);
        }
    }

    /// <summary>The command that runs wnn itself on a node (dotnet and wnn.dll, or the apphost), followed by <paramref name="args"/>.</summary>
    public static IReadOnlyList<string> WnnCommand(params string[] args)
    {
        string process = Environment.ProcessPath ?? throw new CliException("cannot tell the path of this wnn process");
        string? dll = Assembly.GetEntryAssembly()?.Location;
        bool host = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return host && !string.IsNullOrEmpty(dll) ? [process, dll, .. args] : [process, .. args];
    }

    /// <summary>The executor of a sweep: Slurm when asked for or recorded in &lt;sweep dir&gt;/.slurm/options.json (then --slurm pairs refine it), else local processes.</summary>
    public static ITrialExecutor Executor(SweepWorkspace workspace, string? launcher, string[] pairs)
    {
        string file = Path.Combine(workspace.Directory, SlurmTrialExecutor.DirectoryName, SlurmTrialExecutor.OptionsFile);
        SlurmOptions? recorded = File.Exists(file) ? JsonSerializer.Deserialize<SlurmOptions>(File.ReadAllBytes(file)) : null;
        switch (launcher)
        {
            case null when recorded is null && pairs.Length == 0:
            case "local":
                return new ProcessTrialExecutor();
            case null or "slurm":
                SlurmOptions options = Parse(pairs, recorded);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                string tmp = file + ".tmp";
                File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(options));
                File.Move(tmp, file, overwrite: true);
                return new SlurmTrialExecutor(options, workspace.Directory, workspace.Id, WnnCommand("slurm", "exec"));
            default:
                throw new CliException($"--launcher: '{launcher}' is not known; accepted: local, slurm");
        }
    }
}
