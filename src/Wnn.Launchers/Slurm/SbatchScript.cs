using System.Globalization;
using System.Text;

namespace Wnn.Launchers.Slurm;

/// <summary>Renders the job-array script of one batch: #SBATCH lines from <see cref="SlurmOptions"/>, the setup lines, then the task runner on the array index's spec.</summary>
public static class SbatchScript
{
    /// <summary>The script for <paramref name="count"/> array tasks whose specs are &lt;batchDir&gt;/&lt;index&gt;.json; Slurm's output goes to &lt;batchDir&gt;/&lt;index&gt;.out.</summary>
    public static string Render(SlurmOptions options, string jobName, string batchDir, int count, IReadOnlyList<string> runner) =>
        Header(options, jobName, batchDir, count, runner) + " " + Quote(batchDir) + "/\"${SLURM_ARRAY_TASK_ID}.json\"\n";

    /// <summary>A job array of <paramref name="count"/> tasks that each run <paramref name="command"/> as it is (wnn slurm workers).</summary>
    public static string RenderCommand(SlurmOptions options, string jobName, string batchDir, int count, IReadOnlyList<string> command) =>
        Header(options, jobName, batchDir, count, command) + "\n";

    private static string Header(SlurmOptions options, string jobName, string batchDir, int count, IReadOnlyList<string> runner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        string array = "0-" + (count - 1).ToString(CultureInfo.InvariantCulture) + (options.ArrayParallelism is int p ? "%" + p.ToString(CultureInfo.InvariantCulture) : "");
        Line(s, "job-name", options.JobName ?? jobName);
        Line(s, "array", array);
        Line(s, "output", Path.Combine(batchDir, "%a.out"));
        Line(s, "error", Path.Combine(batchDir, "%a.out"));
        foreach (SlurmOptionKey key in SlurmOptions.Declared.Where(k => k.Flag is not null && k.Name != "job_name"))
        {
            Line(s, key.Flag!, key.Sbatch(options));
        }

        foreach (KeyValuePair<string, string> kv in options.AdditionalParameters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Line(s, kv.Key, kv.Value);
        }

        foreach (string setup in options.Setup)
        {
            s.Append(setup).Append('\n');
        }

        s.Append("exec");
        foreach (string a in runner)
        {
            s.Append(' ').Append(Quote(a));
        }

        return s.ToString();
    }

    /// <summary>Single-quotes a word for bash.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '=' or ':' or ',' or '+')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static void Line(StringBuilder s, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Contains('\n', StringComparison.Ordinal))
        {
            throw new FormatException($"slurm option {name}: a value may not span lines");
        }

        s.Append("#SBATCH --").Append(name);
        if (value.Length > 0)
        {
            s.Append('=').Append(value);
        }

        s.Append('\n');
    }
}
