using System.Globalization;

namespace Wnn.Launchers.Slurm;

/// <summary>The one declaration of the Slurm option names: the --slurm flag, a sweep's <c>slurm:</c> block, <c>hydra.launcher</c>, the job script and the docs all derive from it.</summary>
public sealed partial record SlurmOptions
{
    /// <summary>Every option, in the order the job script writes them.</summary>
    public static IReadOnlyList<SlurmOptionKey> Declared { get; } =
    [
        Text("partition", "partition", "the partition (queue)", o => o.Partition, (o, v) => o with { Partition = v }),
        Int("timeout_min", "time", "the time limit in minutes; a trial Slurm ends at it fails with reason timeout", o => o.TimeoutMin, (o, v) => o with { TimeoutMin = v }),
        Int("cpus_per_task", "cpus-per-task", "CPUs per task", o => o.CpusPerTask, (o, v) => o with { CpusPerTask = v }),
        new SlurmOptionKey
        {
            Name = "mem_gb", Kind = SlurmValueKind.Integer, Flag = "mem", Doc = "--mem: memory per node in GB",
            Sbatch = o => o.MemGb is int m ? m.ToString(CultureInfo.InvariantCulture) + "G" : null, Apply = (o, v) => o with { MemGb = (int?)v },
        },
        Int("gpus_per_node", "gpus-per-node", "GPUs per node", o => o.GpusPerNode, (o, v) => o with { GpusPerNode = v }, min: 0),
        Int("tasks_per_node", "ntasks-per-node", "tasks per node", o => o.TasksPerNode, (o, v) => o with { TasksPerNode = v }),
        Int("nodes", "nodes", "nodes per job", o => o.Nodes, (o, v) => o with { Nodes = v }),
        Text("qos", "qos", "quality of service", o => o.Qos, (o, v) => o with { Qos = v }),
        Text("account", "account", "the account charged", o => o.Account, (o, v) => o with { Account = v }),
        Text("constraint", "constraint", "node features required", o => o.Constraint, (o, v) => o with { Constraint = v }),
        Text("exclude", "exclude", "nodes not to use", o => o.Exclude, (o, v) => o with { Exclude = v }),
        Text("gres", "gres", "generic resources (e.g. gpu:1)", o => o.Gres, (o, v) => o with { Gres = v }),
        Text("comment", "comment", "a comment on the job", o => o.Comment, (o, v) => o with { Comment = v }),
        Int("cpus_per_gpu", "cpus-per-gpu", "CPUs per GPU", o => o.CpusPerGpu, (o, v) => o with { CpusPerGpu = v }),
        Int("gpus_per_task", "gpus-per-task", "GPUs per task", o => o.GpusPerTask, (o, v) => o with { GpusPerTask = v }),
        Text("mem_per_gpu", "mem-per-gpu", "memory per GPU with its unit (16G)", o => o.MemPerGpu, (o, v) => o with { MemPerGpu = v }),
        Text("mem_per_cpu", "mem-per-cpu", "memory per CPU with its unit (4G)", o => o.MemPerCpu, (o, v) => o with { MemPerCpu = v }),
        new SlurmOptionKey
        {
            Name = "array_parallelism", Kind = SlurmValueKind.Integer, Doc = "array tasks running at once (the %P of --array=0-N%P)",
            Apply = (o, v) => o with { ArrayParallelism = (int?)v },
        },
        new SlurmOptionKey
        {
            Name = "setup", Kind = SlurmValueKind.Lines, Doc = "shell lines run first in every job (module load …, source venv); repeat --slurm setup=… for several",
            Apply = (o, v) => o with { Setup = (IReadOnlyList<string>)v! },
        },
        new SlurmOptionKey
        {
            Name = "additional_parameters", Kind = SlurmValueKind.Parameters, Doc = "any other sbatch option: a map (mail-type: END), or name=value;name=value on the command line",
            Apply = (o, v) => o with { AdditionalParameters = (IReadOnlyDictionary<string, string>)v! },
        },
        new SlurmOptionKey
        {
            Name = "job_name", Aliases = ["name"], Kind = SlurmValueKind.Text, Flag = "job-name", Doc = "--job-name: the job name (default wnn-<sweep id>); Hydra's name is accepted too",
            Apply = (o, v) => o with { JobName = (string?)v },
        },
        Unused("submitit_folder", "submitit's own folder: wnn keeps scripts, specs and Slurm logs in <sweep dir>/.slurm"),
        Unused("signal_delay_s", "wnn's task runner ends the trial on Slurm's SIGTERM at the time limit"),
        Unused("stderr_to_stdout", "a trial's stdout and stderr both go to its run.log"),
        new SlurmOptionKey
        {
            Name = "max_num_timeout", Kind = SlurmValueKind.Integer, Min = 0, Doc = "only 0: a trial Slurm ends at its time limit fails with reason timeout (resume --rerun-failed runs it again)",
            Apply = (o, v) => v is null or 0 ? o : throw new FormatException($"slurm.max_num_timeout: {v} is not supported; accepted: 0 (a trial that hits timeout_min fails with reason timeout)"),
        },
    ];

    private static SlurmOptionKey Text(string name, string flag, string doc, Func<SlurmOptions, string?> get, Func<SlurmOptions, string?, SlurmOptions> set) =>
        new() { Name = name, Kind = SlurmValueKind.Text, Flag = flag, Doc = "--" + flag + ": " + doc, Sbatch = get, Apply = (o, v) => set(o, (string?)v) };

    private static SlurmOptionKey Int(string name, string flag, string doc, Func<SlurmOptions, int?> get, Func<SlurmOptions, int?, SlurmOptions> set, int min = 1) =>
        new()
        {
            Name = name, Kind = SlurmValueKind.Integer, Flag = flag, Min = min, Doc = "--" + flag + ": " + doc,
            Sbatch = o => get(o)?.ToString(CultureInfo.InvariantCulture), Apply = (o, v) => set(o, (int?)v),
        };

    private static SlurmOptionKey Unused(string name, string why) =>
        new() { Name = name, Kind = SlurmValueKind.Unused, Doc = "accepted and not used: " + why, Apply = (o, _) => o };
}
