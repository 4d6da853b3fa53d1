using System.Globalization;

namespace Wnn.Launchers.Slurm;

/// <summary>Slurm job options, named as Hydra's submitit launcher; null means "leave it to the cluster's default".</summary>
public sealed record SlurmOptions
{
    /// <summary>The option names accepted by <see cref="Parse"/> (submitit's names).</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "partition", "timeout_min", "cpus_per_task", "mem_gb", "gpus_per_node", "tasks_per_node", "nodes", "qos", "account",
        "constraint", "exclude", "gres", "array_parallelism", "setup", "additional_parameters", "job_name",
    ];

    /// <summary>--partition.</summary>
    public string? Partition { get; init; }

    /// <summary>--time in minutes; Slurm ends the job at this limit and the trial fails with reason "timeout".</summary>
    public int? TimeoutMin { get; init; }

    /// <summary>--cpus-per-task.</summary>
    public int? CpusPerTask { get; init; }

    /// <summary>--mem in gigabytes.</summary>
    public int? MemGb { get; init; }

    /// <summary>--gpus-per-node.</summary>
    public int? GpusPerNode { get; init; }

    /// <summary>--ntasks-per-node.</summary>
    public int? TasksPerNode { get; init; }

    /// <summary>--nodes.</summary>
    public int? Nodes { get; init; }

    /// <summary>--qos.</summary>
    public string? Qos { get; init; }

    /// <summary>--account.</summary>
    public string? Account { get; init; }

    /// <summary>--constraint.</summary>
    public string? Constraint { get; init; }

    /// <summary>--exclude.</summary>
    public string? Exclude { get; init; }

    /// <summary>--gres.</summary>
    public string? Gres { get; init; }

    /// <summary>The %P of --array=0-N%P: array tasks running at once. Null: no limit.</summary>
    public int? ArrayParallelism { get; init; }

    /// <summary>Shell lines run first in every job script (module load, source venv, …).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Any other sbatch option, name without dashes to value (e.g. "time" → "0:30", "mail-type" → "END").</summary>
    public IReadOnlyDictionary<string, string> AdditionalParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>--job-name. Null: wnn-&lt;sweep id&gt;.</summary>
    public string? JobName { get; init; }

    /// <summary>Parses key=value pairs (and list/map values for setup and additional_parameters); throws <see cref="FormatException"/> naming the bad key.</summary>
    public static SlurmOptions Parse(IReadOnlyDictionary<string, object?> map, SlurmOptions? start = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        SlurmOptions o = start ?? new SlurmOptions();
        foreach (KeyValuePair<string, object?> kv in map)
        {
            string? text = kv.Value switch
            {
                null => null,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            };
            o = kv.Key switch
            {
                "partition" => o with { Partition = text },
                "timeout_min" => o with { TimeoutMin = Int(kv.Key, text) },
                "cpus_per_task" => o with { CpusPerTask = Int(kv.Key, text) },
                "mem_gb" => o with { MemGb = Int(kv.Key, text) },
                "gpus_per_node" => o with { GpusPerNode = Int(kv.Key, text, min: 0) },
                "tasks_per_node" => o with { TasksPerNode = Int(kv.Key, text) },
                "nodes" => o with { Nodes = Int(kv.Key, text) },
                "qos" => o with { Qos = text },
                "account" => o with { Account = text },
                "constraint" => o with { Constraint = text },
                "exclude" => o with { Exclude = text },
                "gres" => o with { Gres = text },
                "array_parallelism" => o with { ArrayParallelism = Int(kv.Key, text) },
                "job_name" => o with { JobName = text },
                "setup" => o with { Setup = kv.Value is System.Collections.IEnumerable e and not string ? [.. e.Cast<object?>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture) ?? "")] : text is null ? [] : [text] },
                "additional_parameters" => o with { AdditionalParameters = Extra(kv.Value, o.AdditionalParameters) },
                _ => throw new FormatException($"slurm.{kv.Key}: unknown option; accepted: {string.Join(", ", Keys)}"),
            };
        }

        return o;
    }

    private static int? Int(string key, string? text, int min = 1)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min
            ? v
            : throw new FormatException($"slurm.{key}: '{text}' is not an integer ≥ {min}");
    }

    private static Dictionary<string, string> Extra(object? value, IReadOnlyDictionary<string, string> start)
    {
        var result = new Dictionary<string, string>(start, StringComparer.Ordinal);
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (KeyValuePair<string, object?> kv in map)
                {
                    result[kv.Key.TrimStart('-')] = Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "";
                }

                break;
            case string s:
                // "name=value" (from the command line); several separated by ';'.
                foreach (string part in s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    int eq = part.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new FormatException($"slurm.additional_parameters: '{part}' is not name=value (e.g. time=0:30)");
                    }

                    result[part[..eq].TrimStart('-')] = part[(eq + 1)..];
                }

                break;
            default:
                throw new FormatException("slurm.additional_parameters: expected a map of sbatch option to value, or name=value;name=value");
        }

        return result;
    }
}
