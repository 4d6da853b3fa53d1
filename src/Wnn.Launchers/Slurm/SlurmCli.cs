using System.Diagnostics;

namespace Wnn.Launchers.Slurm;

/// <summary>Runs the Slurm client commands (sbatch, squeue, scancel) and returns their output; a missing command or a failure is an <see cref="InvalidOperationException"/> naming it.</summary>
public static class SlurmCli
{
    /// <summary>Runs <paramref name="tool"/> with the arguments; returns stdout, throws with stderr on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{tool}: could not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool}: cannot run it ({ex.Message}); is Slurm's client installed and on PATH?", ex);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            string output = await stdout.ConfigureAwait(false);
            string error = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', info.ArgumentList)}: exit {process.ExitCode}: {error.Trim()}");
            }

            return output;
        }
    }

    /// <summary>Submits a script with sbatch --parsable; returns the job id.</summary>
    public static async Task<string> SubmitAsync(string scriptPath, string workingDirectory, CancellationToken cancellationToken = default)
    {
        string output = await RunAsync("sbatch", ["--parsable", "--chdir=" + workingDirectory, scriptPath], cancellationToken).ConfigureAwait(false);
        string id = output.Trim().Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : throw new InvalidOperationException($"sbatch printed no job id: '{output.Trim()}'");
    }

    /// <summary>The state of every task of the given jobs that squeue still knows (recently ended ones included), keyed "jobid_index" or "jobid".</summary>
    public static async Task<Dictionary<string, string>> StatesAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        string ids = string.Join(',', jobIds.Distinct(StringComparer.Ordinal));
        if (ids.Length == 0)
        {
            return states;
        }

        string output;
        try
        {
            output = await RunAsync("squeue", ["-h", "-r", "--states=all", "-j", ids, "-o", "%i|%T"], cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
            return states; // Every job is gone from the controller.
        }

        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split('|');
            if (parts.Length == 2)
            {
                states[parts[0]] = parts[1];
            }
        }

        return states;
    }

    /// <summary>scancel of the given job or task ids; ids Slurm no longer knows are ignored.</summary>
    public static async Task CancelAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        string[] list = [.. ids.Distinct(StringComparer.Ordinal)];
        if (list.Length == 0)
        {
            return;
        }

        try
        {
            await RunAsync("scancel", list, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
        }
    }
}
