using System.Runtime.InteropServices;
using System.Text.Json;

namespace Wnn.Launchers.Slurm;

/// <summary>
/// The inside of an array task: runs the spec's trial through <see cref="TrialProcess"/> (same run log, metrics protocol and
/// process group as the local launcher) and writes the exit record. SIGTERM from Slurm (time limit, scancel) ends the trial
/// without an exit record, so the controller reads the reason from Slurm.
/// </summary>
public static class SlurmTaskRunner
{
    /// <summary>Runs the trial of the spec file; returns its exit code.</summary>
    public static async Task<int> RunAsync(string specPath)
    {
        SlurmTaskSpec spec = JsonSerializer.Deserialize<SlurmTaskSpec>(await File.ReadAllBytesAsync(specPath).ConfigureAwait(false))
            ?? throw new FormatException($"{specPath}: empty task spec");
        DateTimeOffset started = DateTimeOffset.UtcNow;
        using TrialProcess process = TrialProcess.Start(spec.ToLaunch());
        bool signalled = false;
        void OnSignal(PosixSignalContext c)
        {
            c.Cancel = true;
            Volatile.Write(ref signalled, true);
            process.Stop("signal");
        }

        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        TrialExit exit = await process.Completion.ConfigureAwait(false);
        if (exit.Outcome == TrialOutcome.StartFailed)
        {
            await Console.Error.WriteLineAsync(exit.Reason).ConfigureAwait(false);
            await File.AppendAllTextAsync(spec.LogPath, exit.Reason + "\n").ConfigureAwait(false);
        }

        // Slurm signals every process of the task one by one: a trial it killed first can end before the runner's own
        // SIGTERM arrives. Give that signal a moment, so a cancelled task leaves no exit record and is seen as cancelled.
        if (!Volatile.Read(ref signalled) && exit.ExitCode > 128 && exit.Outcome != TrialOutcome.TimedOut)
        {
            for (int i = 0; i < 30 && !Volatile.Read(ref signalled); i++)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        if (Volatile.Read(ref signalled))
        {
            return 128 + 15;
        }

        var record = new SlurmTaskExit
        {
            ExitCode = exit.ExitCode ?? 127,
            TimedOut = exit.Outcome == TrialOutcome.TimedOut,
            Started = started,
            Ended = DateTimeOffset.UtcNow,
            Host = Environment.MachineName,
            SlurmJob = $"{Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID")}_{Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID")}",
        };
        string tmp = spec.ExitFile + ".tmp";
        await File.WriteAllBytesAsync(tmp, JsonSerializer.SerializeToUtf8Bytes(record)).ConfigureAwait(false);
        File.Move(tmp, spec.ExitFile, overwrite: true);
        return record.ExitCode;
    }
}
