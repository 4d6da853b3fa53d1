using System.Globalization;

namespace Wnn.Launchers.Slurm;

/// <summary>Slurm job options, named as Hydra's submitit launcher; null means "leave it to the cluster's default".</summary>
public sealed partial record SlurmOptions
{
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

    /// <summary>--comment.</summary>
    public string? Comment { get; init; }

    /// <summary>--cpus-per-gpu.</summary>
    public int? CpusPerGpu { get; init; }

    /// <summary>--gpus-per-task.</summary>
    public int? GpusPerTask { get; init; }

    /// <summary>--mem-per-gpu (with its unit, e.g. 16G).</summary>
    public string? MemPerGpu { get; init; }

    /// <summary>--mem-per-cpu (with its unit, e.g. 4G).</summary>
    public string? MemPerCpu { get; init; }

    /// <summary>The %P of --array=0-N%P: array tasks running at once. Null: no limit.</summary>
    public int? ArrayParallelism { get; init; }

    /// <summary>Shell lines run first in every job script (module load, source venv, …).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Any other sbatch option, name without dashes to value (e.g. "time" → "0:30", "mail-type" → "END"); an empty value is a bare flag.</summary>
    public IReadOnlyDictionary<string, string> AdditionalParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>--job-name. Null: wnn-&lt;sweep id&gt;.</summary>
    public string? JobName { get; init; }

    /// <summary>The option names accepted by <see cref="Parse"/> (submitit's names, aliases left out).</summary>
    public static IReadOnlyList<string> Keys => [.. Declared.Where(k => k.Kind != SlurmValueKind.Unused).Select(k => k.Name)];

    /// <summary>Parses a map of option to value (a YAML <c>slurm:</c> block or <c>hydra.launcher</c>); <c>setup</c> replaces the lines of <paramref name="start"/>. Throws <see cref="FormatException"/> naming the bad key or value and what is accepted.</summary>
    public static SlurmOptions Parse(IEnumerable<KeyValuePair<string, object?>> map, SlurmOptions? start = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        SlurmOptions o = start ?? new SlurmOptions();
        foreach (KeyValuePair<string, object?> kv in map)
        {
            SlurmOptionKey key = Find(kv.Key);
            o = key.Apply(o, Convert(key, kv.Value, key.Kind == SlurmValueKind.Parameters ? o.AdditionalParameters : null));
        }

        return o;
    }

    /// <summary>Parses KEY=VALUE pairs (the --slurm flag): <c>setup</c> lines accumulate, everything else replaces.</summary>
    public static SlurmOptions ParsePairs(IEnumerable<string> pairs, SlurmOptions? start = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        SlurmOptions o = start ?? new SlurmOptions();
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{pair}' is not KEY=VALUE; keys: {string.Join(", ", Keys)}");
            }

            string name = pair[..eq];
            string value = pair[(eq + 1)..];
            o = Find(name).Kind == SlurmValueKind.Lines ? o with { Setup = [.. o.Setup, value] } : Parse([new(name, value)], o);
        }

        return o;
    }

    private static SlurmOptionKey Find(string name) =>
        Declared.FirstOrDefault(k => k.Name == name || k.Aliases.Contains(name))
        ?? throw new FormatException($"slurm.{name}: unknown option; accepted: {string.Join(", ", Keys)}");

    private static object? Convert(SlurmOptionKey key, object? value, IReadOnlyDictionary<string, string>? parameters)
    {
        string? text = Text(value);
        switch (key.Kind)
        {
            case SlurmValueKind.Integer when text is not null:
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= key.Min
                    ? v
                    : throw new FormatException($"slurm.{key.Name}: '{text}' is not an integer ≥ {key.Min}");
            case SlurmValueKind.Lines:
                return value is System.Collections.IEnumerable e and not string
                    ? (IReadOnlyList<string>)[.. e.Cast<object?>().Select(x => Text(x) ?? "")]
                    : text is null ? [] : [text];
            case SlurmValueKind.Parameters:
                return Extra(value, parameters!);
            case SlurmValueKind.Text when value is System.Collections.IEnumerable and not string:
                throw new FormatException($"slurm.{key.Name}: expected one value, got a list or a map");
            default:
                return text;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Dictionary<string, string> Extra(object? value, IReadOnlyDictionary<string, string> start)
    {
        var result = new Dictionary<string, string>(start, StringComparer.Ordinal);
        switch (value)
        {
            case null:
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (KeyValuePair<string, object?> kv in map)
                {
                    // exclusive: true is the bare flag --exclusive; false leaves it out.
                    string name = kv.Key.TrimStart('-');
                    if (kv.Value is false)
                    {
                        result.Remove(name);
                    }
                    else
                    {
                        result[name] = kv.Value is true ? "" : Text(kv.Value) ?? "";
                    }
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
