using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Wnn.Launchers.Slurm;

/// <summary>Tracking: exit records, squeue states and metrics files of the submitted tasks.</summary>
public sealed partial class SlurmLauncher
{
    private async Task PollLoopAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            Entry[] tracked;
            lock (_gate)
            {
                _tracked.RemoveAll(e => e.Done.Task.IsCompleted);
                tracked = [.. _tracked];
                if (tracked.Length == 0 && _pending.Count == 0)
                {
                    _poller = null;
                    return;
                }
            }

            try
            {
                await PollOnceAsync(tracked).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                // squeue can fail for a moment (controller busy or restarting); try again next round.
                Trace.TraceWarning("slurm: " + ex.Message);
            }

            try
            {
                await Task.Delay(PollInterval, _disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollOnceAsync(Entry[] tracked)
    {
        foreach (Entry e in tracked)
        {
            e.Tail.Poll(e.OnMetric);
        }

        Entry[] open = [.. tracked.Where(e => !TryFinishFromExitFile(e))];
        if (open.Length == 0)
        {
            return;
        }

        Dictionary<string, string> states = await SlurmCli.StatesAsync(open.Select(e => e.Record!.JobId)).ConfigureAwait(false);
        foreach (Entry e in open)
        {
            string? state = states.GetValueOrDefault(e.Record!.TaskId);
            if (state is not null && Alive.Contains(state))
            {
                e.EndedPolls = 0;
                continue;
            }

            // Ended without an exit record: give a shared filesystem two rounds to show it, then decide from the state.
            if (++e.EndedPolls < 3)
            {
                continue;
            }

            e.Tail.Poll(e.OnMetric);
            if (TryFinishFromExitFile(e))
            {
                continue;
            }

            if (e.CancelRequested is string reason)
            {
                Finish(e, new TrialExit { Outcome = TrialOutcome.Stopped, Reason = reason, ExitCode = 143, Elapsed = e.Clock.Elapsed, LogTail = Tail(e) });
            }
            else if (state == "TIMEOUT")
            {
                Finish(e, new TrialExit { Outcome = TrialOutcome.TimedOut, Reason = "timeout", ExitCode = 143, Elapsed = e.Clock.Elapsed, LogTail = Tail(e) });
            }
            else if (state is null || Vanished.Contains(state))
            {
                Resubmit(e, state ?? "gone from squeue");
            }
            else
            {
                // FAILED, OUT_OF_MEMORY, DEADLINE, COMPLETED without a record (the job script or its setup failed).
                Finish(e, new TrialExit { Outcome = TrialOutcome.Exited, ExitCode = 1, Reason = "slurm " + state, Elapsed = e.Clock.Elapsed, LogTail = ("slurm job " + e.Record.TaskId + " ended " + state + " without an exit record\n" + Tail(e)).Trim() });
            }
        }
    }

    private bool TryFinishFromExitFile(Entry e)
    {
        SlurmTaskExit? exit;
        try
        {
            exit = JsonSerializer.Deserialize<SlurmTaskExit>(File.ReadAllBytes(e.Record!.ExitFile));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return false;
        }

        if (exit is null)
        {
            return false;
        }

        e.Tail.Poll(e.OnMetric);
        Finish(e, new TrialExit
        {
            Outcome = exit.TimedOut ? TrialOutcome.TimedOut : e.CancelRequested is not null ? TrialOutcome.Stopped : TrialOutcome.Exited,
            Reason = exit.TimedOut ? "timeout" : e.CancelRequested,
            ExitCode = exit.ExitCode,
            Elapsed = exit.Ended - exit.Started,
            LogTail = Tail(e),
        });
        return true;
    }

    private void Finish(Entry e, TrialExit exit)
    {
        DeleteRecord(e.Key);
        e.Finish(exit);
    }

    private void Resubmit(Entry e, string why)
    {
        if (e.Resubmits >= MaxResubmits)
        {
            Finish(e, new TrialExit { Outcome = TrialOutcome.Exited, ExitCode = 1, Reason = $"slurm task vanished ({why}) {e.Resubmits + 1} times", Elapsed = e.Clock.Elapsed, LogTail = Tail(e) });
            return;
        }

        e.Resubmits++;
        string suffix = ".vanished" + e.Resubmits.ToString(CultureInfo.InvariantCulture) + ".prev";
        foreach (string path in new[] { e.Launch.ResolvedLogPath, e.Launch.ResolvedMetricsPath })
        {
            if (File.Exists(path))
            {
                File.Move(path, path + suffix, overwrite: true);
            }
        }

        File.AppendAllText(e.Launch.ResolvedLogPath, $"wnn: slurm task {e.Record!.TaskId} vanished ({why}); submitted again\n");
        e.Tail.Reset();
        e.EndedPolls = 0;
        lock (_gate)
        {
            _tracked.Remove(e);
        }

        DeleteRecord(e.Key);
        e.Record = null;
        Enqueue(e);
    }

    private static string Tail(Entry e)
    {
        var lines = new List<string>();
        foreach (string? path in new[] { e.Launch.ResolvedLogPath, e.Record?.SlurmOutput })
        {
            try
            {
                if (path is not null && File.Exists(path))
                {
                    lines.AddRange(File.ReadLines(path).TakeLast(12));
                }
            }
            catch (IOException)
            {
            }
        }

        return string.Join('\n', lines.Where(l => l.Length > 0).TakeLast(12).Select(l => l.Length > 300 ? l[..300] + "…" : l));
    }

    private sealed class Entry(TrialLaunch launch, string key, Action<MetricReport>? onMetric)
    {
        public TrialLaunch Launch { get; } = launch;

        public string Key { get; } = key;

        public Action<MetricReport>? OnMetric { get; } = onMetric;

        public TaskCompletionSource<TrialExit> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MetricsFileTail Tail { get; } = new(launch.ResolvedMetricsPath);

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public SlurmTaskRecord? Record { get; set; }

        public string? CancelRequested { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public int Resubmits { get; set; }

        public int EndedPolls { get; set; }

        public void Finish(TrialExit exit)
        {
            if (Done.TrySetResult(exit))
            {
                Registration.Dispose();
            }
        }
    }
}
