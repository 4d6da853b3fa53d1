using System.Globalization;
using System.Text.Json;

namespace Wnn.Launchers.Slurm;

/// <summary>
/// Runs trials as Slurm array tasks: launches that arrive within <see cref="BatchWindow"/> become one job array
/// (<c>--array=0-N%P</c>) whose script, specs and Slurm output live under the launcher's directory
/// (&lt;sweep dir&gt;/.slurm/). Each task runs <see cref="SlurmTaskRunner"/> in the trial's run directory and writes an exit
/// record; squeue tells the rest: a time limit fails the trial with reason "timeout", a task that vanishes (scancel by
/// someone else, node failure, preemption) is submitted again, and a stop cancels the task with scancel.
/// </summary>
public sealed partial class SlurmLauncher : IDisposable
{
    private static readonly HashSet<string> Alive = new(StringComparer.Ordinal) { "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "SIGNALING", "STAGE_OUT", "RESV_DEL_HOLD", "REQUEUE_HOLD", "REQUEUE_FED" };
    private static readonly HashSet<string> Vanished = new(StringComparer.Ordinal) { "CANCELLED", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "REVOKED" };
    private readonly SlurmOptions _options;
    private readonly string _jobName;
    private readonly IReadOnlyList<string> _runner;
    private readonly Lock _gate = new();
    private readonly List<Entry> _pending = [];
    private readonly List<Entry> _tracked = [];
    private readonly HashSet<string> _jobIds = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private bool _flushScheduled;
    private Task? _poller;
    private int _batches;

    /// <summary>Creates a launcher whose scripts and Slurm logs go under <paramref name="directory"/>; <paramref name="runner"/> is the command that runs a task spec (e.g. <c>dotnet wnn.dll slurm exec</c>).</summary>
    public SlurmLauncher(SlurmOptions options, string directory, string jobName, IReadOnlyList<string> runner)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        if (runner is null || runner.Count == 0)
        {
            throw new ArgumentException("the task runner command is empty", nameof(runner));
        }

        Directory = System.IO.Path.GetFullPath(directory);
        _jobName = jobName;
        _runner = runner;
    }

    /// <summary>The launcher's directory (&lt;sweep dir&gt;/.slurm).</summary>
    public string Directory { get; }

    /// <summary>How often squeue, the exit records and the metrics files are read. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Launches arriving within this window share one job array. Default 300 ms.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often a vanished task is submitted again before the trial fails. Default 3.</summary>
    public int MaxResubmits { get; init; } = 3;

    /// <summary>The array job ids submitted or adopted by this launcher.</summary>
    public IReadOnlyCollection<string> JobIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _jobIds];
            }
        }
    }

    /// <summary>
    /// Runs one trial through Slurm. <paramref name="key"/> names it across controllers (e.g. "job-3"): a task submitted
    /// under that key that is still queued or running, or ended with its exit record unread, is adopted instead of
    /// submitted again (<paramref name="onAdopt"/> is called first). Cancelling <paramref name="stop"/> cancels the task.
    /// </summary>
    public Task<TrialExit> RunAsync(TrialLaunch launch, string key, Action<MetricReport>? onMetric, CancellationToken stop, Action? onAdopt = null)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentException.ThrowIfNullOrEmpty(key);
        System.IO.Directory.CreateDirectory(launch.WorkingDirectory);
        var entry = new Entry(launch, key, onMetric);
        if (ReadRecord(key) is SlurmTaskRecord record && (File.Exists(record.ExitFile) || IsAlive(record.TaskId)))
        {
            onAdopt?.Invoke();
            entry.Record = record;
            lock (_gate)
            {
                _jobIds.Add(record.JobId);
                _tracked.Add(entry);
                EnsurePoller();
            }
        }
        else
        {
            DeleteRecord(key);
            Enqueue(entry);
        }

        entry.Registration = stop.Register(() => Cancel(entry, "stopped"));
        return entry.Done.Task;
    }

    /// <summary>scancel of every job this launcher submitted or adopted (Ctrl+C, wnn sweep stop, kill).</summary>
    public void CancelAll()
    {
        string[] ids;
        lock (_gate)
        {
            foreach (Entry e in _tracked)
            {
                e.CancelRequested ??= "killed";
            }

            ids = [.. _jobIds];
        }

        SlurmCli.CancelAsync(ids).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed.Cancel();
        try
        {
            _poller?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _disposed.Dispose();
    }

    private static bool IsAlive(string taskId)
    {
        Dictionary<string, string> states = SlurmCli.StatesAsync([taskId.Split('_')[0]]).GetAwaiter().GetResult();
        return states.TryGetValue(taskId, out string? state) && Alive.Contains(state);
    }

    private string RecordPath(string key) => System.IO.Path.Combine(Directory, "tasks", key + ".json");

    private SlurmTaskRecord? ReadRecord(string key)
    {
        try
        {
            return JsonSerializer.Deserialize<SlurmTaskRecord>(File.ReadAllBytes(RecordPath(key)));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private void DeleteRecord(string key)
    {
        string path = RecordPath(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private void WriteRecord(string key, SlurmTaskRecord record)
    {
        string path = RecordPath(key);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        string tmp = path + ".tmp";
        File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(record));
        File.Move(tmp, path, overwrite: true);
    }

    private void Enqueue(Entry entry)
    {
        lock (_gate)
        {
            _pending.Add(entry);
            if (_flushScheduled)
            {
                return;
            }

            _flushScheduled = true;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(BatchWindow).ConfigureAwait(false);
            await FlushAsync().ConfigureAwait(false);
        });
    }

    private async Task FlushAsync()
    {
        Entry[] batch;
        lock (_gate)
        {
            batch = [.. _pending];
            _pending.Clear();
            _flushScheduled = false;
        }

        if (batch.Length == 0)
        {
            return;
        }

        int n = Interlocked.Increment(ref _batches);
        string dir = System.IO.Path.Combine(Directory, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture));
        string jobId;
        try
        {
            System.IO.Directory.CreateDirectory(dir);
            for (int i = 0; i < batch.Length; i++)
            {
                string index = i.ToString(CultureInfo.InvariantCulture);
                SlurmTaskSpec spec = SlurmTaskSpec.From(batch[i].Launch, System.IO.Path.Combine(dir, index + ".exit"));
                await File.WriteAllBytesAsync(System.IO.Path.Combine(dir, index + ".json"), JsonSerializer.SerializeToUtf8Bytes(spec)).ConfigureAwait(false);
            }

            string script = System.IO.Path.Combine(dir, "job.sh");
            await File.WriteAllTextAsync(script, SbatchScript.Render(_options, _jobName, dir, batch.Length, _runner)).ConfigureAwait(false);
            jobId = await SlurmCli.SubmitAsync(script, dir).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException or UnauthorizedAccessException)
        {
            foreach (Entry e in batch)
            {
                e.Finish(new TrialExit { Outcome = TrialOutcome.StartFailed, Reason = "sbatch: " + ex.Message });
            }

            return;
        }

        lock (_gate)
        {
            _jobIds.Add(jobId);
            for (int i = 0; i < batch.Length; i++)
            {
                string index = i.ToString(CultureInfo.InvariantCulture);
                batch[i].Record = new SlurmTaskRecord
                {
                    JobId = jobId,
                    TaskId = jobId + "_" + index,
                    ExitFile = System.IO.Path.Combine(dir, index + ".exit"),
                    SlurmOutput = System.IO.Path.Combine(dir, index + ".out"),
                    Submitted = DateTimeOffset.UtcNow,
                };
                WriteRecord(batch[i].Key, batch[i].Record!);
                _tracked.Add(batch[i]);
            }

            EnsurePoller();
        }

        // A stop that came while the batch was being submitted.
        foreach (Entry e in batch.Where(e => e.CancelRequested is not null))
        {
            await SlurmCli.CancelAsync([e.Record!.TaskId]).ConfigureAwait(false);
        }
    }

    private void Cancel(Entry entry, string reason)
    {
        bool pending;
        lock (_gate)
        {
            if (entry.Done.Task.IsCompleted)
            {
                return;
            }

            entry.CancelRequested ??= reason;
            pending = _pending.Remove(entry);
        }

        if (pending)
        {
            entry.Finish(new TrialExit { Outcome = TrialOutcome.Stopped, Reason = reason });
        }
        else if (entry.Record is SlurmTaskRecord record)
        {
            _ = SlurmCli.CancelAsync([record.TaskId]);
        }
    }

    private void EnsurePoller()
    {
        if (_poller is null || _poller.IsCompleted)
        {
            _poller = Task.Run(PollLoopAsync);
        }
    }
}
