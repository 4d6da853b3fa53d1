using System.Text.Json;

namespace Wnn.Launchers.Slurm;

/// <summary>The task records of a launcher directory read without a launcher: what `wnn sweep stop` cancels when no controller is alive.</summary>
public sealed partial class SlurmLauncher
{
    /// <summary>The keys of the tasks recorded in <paramref name="directory"/> (submitted, not yet finished by a controller).</summary>
    public static IReadOnlyList<string> RecordedKeys(string directory)
    {
        string tasks = System.IO.Path.Combine(directory, "tasks");
        return System.IO.Directory.Exists(tasks)
            ? [.. System.IO.Directory.EnumerateFiles(tasks, "*.json").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>
    /// scancel of every task recorded in <paramref name="directory"/> that has no exit record and that <paramref name="owned"/>
    /// does not claim (a live controller cancels its own); their records are removed, so a resumed controller submits them
    /// again instead of adopting them. Waits up to <paramref name="settle"/> until squeue no longer shows them alive.
    /// Returns the keys cancelled.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CancelRecordedAsync(string directory, Func<string, bool> owned, TimeSpan settle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owned);
        var records = new List<(string Key, SlurmTaskRecord Record)>();
        foreach (string key in RecordedKeys(directory).Where(k => !owned(k)))
        {
            string path = System.IO.Path.Combine(directory, "tasks", key + ".json");
            try
            {
                if (JsonSerializer.Deserialize<SlurmTaskRecord>(File.ReadAllBytes(path)) is SlurmTaskRecord r && !File.Exists(r.ExitFile))
                {
                    records.Add((key, r));
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException or JsonException)
            {
                // Finished by a controller meanwhile, or half-written by one that died: nothing to cancel.
            }
        }

        if (records.Count == 0)
        {
            return [];
        }

        await SlurmCli.CancelAsync(records.Select(r => r.Record.TaskId), cancellationToken).ConfigureAwait(false);
        foreach ((string key, _) in records)
        {
            File.Delete(System.IO.Path.Combine(directory, "tasks", key + ".json"));
        }

        for (DateTime end = DateTime.UtcNow + settle; DateTime.UtcNow < end; await Task.Delay(250, cancellationToken).ConfigureAwait(false))
        {
            Dictionary<string, string> states = await SlurmCli.StatesAsync(records.Select(r => r.Record.JobId), cancellationToken).ConfigureAwait(false);
            if (!records.Any(r => states.TryGetValue(r.Record.TaskId, out string? s) && Alive.Contains(s)))
            {
                break;
            }
        }

        return [.. records.Select(r => r.Key)];
    }
}
