using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers.Slurm;

namespace Wnn.Cli;

/// <summary>The --launcher and --slurm options of the sweep commands and wnn slurm workers, and the command a Slurm task runs wnn with.</summary>
internal static class SlurmCliOptions
{
    public static Option<string?> Launcher() => new("--launcher") { Description = "Where trials run: local or slurm (one job array per batch; see docs/slurm.md); overrides the config's execution.launcher or hydra.launcher. resume/work reuse the sweep's choice." };

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

    /// <summary>The launcher a sweep command asks for: --launcher, or slurm when only --slurm pairs are given; null leaves it to the config (and to the sweep's record on resume).</summary>
    public static string? Requested(string? launcher, string[]? pairs) => launcher ?? (pairs is { Length: > 0 } ? "slurm" : null);

    /// <summary>
    /// The executor of a sweep: Slurm when its definition says so (--launcher, execution.launcher or hydra.launcher, or a
    /// resumed sweep's record in &lt;sweep dir&gt;/.slurm/options.json), else local processes. Slurm's options are the
    /// recorded ones (or the config's on a first run), refined by the --slurm pairs, and recorded again.
    /// </summary>
    public static ITrialExecutor Executor(SweepWorkspace workspace, string[] pairs)
    {
        SweepExecution execution = workspace.Definition.Execution;
        if (execution.Launcher != "slurm")
        {
            return new ProcessTrialExecutor();
        }

        string file = Path.Combine(workspace.Directory, SlurmTrialExecutor.DirectoryName, SlurmTrialExecutor.OptionsFile);
        SlurmOptions? recorded = File.Exists(file) ? JsonSerializer.Deserialize<SlurmOptions>(File.ReadAllBytes(file)) : null;
        SlurmOptions options = Parse(pairs, recorded ?? execution.Slurm);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        string tmp = file + ".tmp";
        File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(options));
        File.Move(tmp, file, overwrite: true);
        return new SlurmTrialExecutor(options, workspace.Directory, workspace.Id, WnnCommand("slurm", "exec"));
    }
}
