using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Wnn.Launchers;

/// <summary>
/// One running trial process in its own process group: stdout and stderr go to the run log as they arrive, metrics lines
/// (the metrics file and stdout marker lines, see <see cref="MetricsProtocol"/>) are handed to a callback in order, and
/// <see cref="Stop"/> or the time limit ends the whole group (SIGTERM, the grace period, SIGKILL).
/// </summary>
public sealed class TrialProcess : IDisposable
{
    private const int MaxMarkerLine = 64 * 1024;
    private const int TailBytes = 4096;
    private readonly TrialLaunch _launch;
    private readonly Action<MetricReport>? _onMetric;
    private readonly Process? _process;
    private readonly FileStream? _log;
    private readonly Lock _logGate = new();
    private readonly byte[] _tail = new byte[TailBytes];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _done = new();
    private readonly Lock _metricsGate = new();
    private FileStream? _metricsWriter;
    private long _tailWritten;
    private string? _stopReason;
    private int _killScheduled;

    private TrialProcess(TrialLaunch launch, Action<MetricReport>? onMetric)
    {
        _launch = launch;
        _onMetric = onMetric;
        Directory.CreateDirectory(launch.WorkingDirectory);
        _log = new FileStream(launch.ResolvedLogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = launch.WorkingDirectory,
        };
        if (ProcessGroups.Setsid is string setsid)
        {
            info.FileName = setsid;
            foreach (string a in launch.Command)
            {
                info.ArgumentList.Add(a);
            }
        }
        else
        {
            info.FileName = launch.Command[0];
            foreach (string a in launch.Command.Skip(1))
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (KeyValuePair<string, string> kv in launch.Environment)
        {
            info.Environment[kv.Key] = kv.Value;
        }

        try
        {
            _process = Process.Start(info) ?? throw new Win32Exception("Process.Start returned no process");
        }
        catch (Win32Exception ex)
        {
            StartError = $"cannot start '{launch.Command[0]}': {ex.Message}";
            Completion = Task.FromResult(new TrialExit { Outcome = TrialOutcome.StartFailed, Reason = StartError });
            _log.Dispose();
            _log = null;
            return;
        }

        ProcessId = _process.Id;
        _process.StandardInput.Close();
        Completion = RunAsync();
    }

    /// <summary>The pid (also the process group id), or 0 when the start failed.</summary>
    public int ProcessId { get; }

    /// <summary>Why the start failed, or null.</summary>
    public string? StartError { get; }

    /// <summary>Completes when the process has exited, its output is written and its last metrics are handed over.</summary>
    public Task<TrialExit> Completion { get; }

    /// <summary>Time since the start.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts a trial; a command that cannot be started gives a completed <see cref="TrialOutcome.StartFailed"/>.</summary>
    public static TrialProcess Start(TrialLaunch launch, Action<MetricReport>? onMetric = null)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Command is null || launch.Command.Count == 0 || string.IsNullOrEmpty(launch.Command[0]))
        {
            throw new ArgumentException("TrialLaunch.Command must name an executable.", nameof(launch));
        }

        return new TrialProcess(launch, onMetric);
    }

    /// <summary>Ends the whole process group: SIGTERM now, SIGKILL after the grace period. The first reason given is kept.</summary>
    public void Stop(string reason)
    {
        if (_process is null)
        {
            return;
        }

        Interlocked.CompareExchange(ref _stopReason, reason, null);
        Signal(ProcessGroups.SigTerm);
        if (Interlocked.Exchange(ref _killScheduled, 1) == 0)
        {
            _ = Task.Delay(_launch.KillGrace, _done.Token).ContinueWith(_ => Signal(ProcessGroups.SigKill), TaskScheduler.Default);
        }
    }

    /// <summary>SIGKILL to the whole group at once (a second Ctrl+C).</summary>
    public void Kill()
    {
        if (_process is not null)
        {
            Interlocked.CompareExchange(ref _stopReason, "killed", null);
            Signal(ProcessGroups.SigKill);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_process is not null && !_process.HasExited)
        {
            Kill();
        }

        _done.Cancel();
        _process?.Dispose();
        _done.Dispose();
    }

    private void Signal(int signal)
    {
        if (_process is null || _done.IsCancellationRequested)
        {
            return;
        }

        if (!ProcessGroups.Signal(ProcessId, signal) && ProcessGroups.Setsid is null && signal == ProcessGroups.SigKill)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }

    private async Task<TrialExit> RunAsync()
    {
        Process process = _process!;
        Task stdout = PumpAsync(process.StandardOutput.BaseStream, scanMarkers: true);
        Task stderr = PumpAsync(process.StandardError.BaseStream, scanMarkers: false);
        Task metrics = PollMetricsAsync();
        using var timeout = new CancellationTokenSource();
        if (_launch.Timeout is TimeSpan limit)
        {
            _ = Task.Delay(limit, timeout.Token).ContinueWith(t =>
            {
                if (!t.IsCanceled)
                {
                    Stop("timeout");
                }
            }, TaskScheduler.Default);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        TimeSpan elapsed = _clock.Elapsed;
        await timeout.CancelAsync().ConfigureAwait(false);
        // Descendants left in the group would keep the pipes open; the trial is over, so end them.
        ProcessGroups.Signal(ProcessId, ProcessGroups.SigKill);
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        await _done.CancelAsync().ConfigureAwait(false);
        await metrics.ConfigureAwait(false);
        lock (_logGate)
        {
            _log!.Flush();
            _log.Dispose();
        }

        lock (_metricsGate)
        {
            _metricsWriter?.Dispose();
        }

        string? reason = Volatile.Read(ref _stopReason);
        return new TrialExit
        {
            Outcome = reason is null ? TrialOutcome.Exited : reason == "timeout" ? TrialOutcome.TimedOut : TrialOutcome.Stopped,
            ExitCode = process.ExitCode,
            Reason = reason,
            Elapsed = elapsed,
            LogTail = Tail(),
        };
    }

    private async Task PumpAsync(Stream source, bool scanMarkers)
    {
        byte[] buffer = new byte[64 * 1024];
        byte[]? line = scanMarkers ? new byte[MaxMarkerLine] : null;
        int lineLength = 0;
        bool overflow = false;
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                Write(buffer.AsSpan(0, n));
                if (line is null)
                {
                    continue;
                }

                ReadOnlySpan<byte> rest = buffer.AsSpan(0, n);
                while (!rest.IsEmpty)
                {
                    int nl = rest.IndexOf((byte)'\n');
                    ReadOnlySpan<byte> part = nl < 0 ? rest : rest[..nl];
                    if (!overflow && lineLength + part.Length <= line.Length)
                    {
                        part.CopyTo(line.AsSpan(lineLength));
                        lineLength += part.Length;
                    }
                    else
                    {
                        overflow = true;
                    }

                    if (nl < 0)
                    {
                        break;
                    }

                    if (!overflow && line.AsSpan(0, lineLength).StartsWith(MetricsProtocol.MarkerBytes))
                    {
                        AppendMetricsLine(line.AsSpan(MetricsProtocol.MarkerBytes.Length, lineLength - MetricsProtocol.MarkerBytes.Length));
                    }

                    lineLength = 0;
                    overflow = false;
                    rest = rest[(nl + 1)..];
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke when the group was killed; what was read is in the log.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Write(ReadOnlySpan<byte> data)
    {
        lock (_logGate)
        {
            _log!.Write(data);
            ReadOnlySpan<byte> last = data.Length > TailBytes ? data[^TailBytes..] : data;
            foreach (byte b in last)
            {
                _tail[(int)(_tailWritten++ % TailBytes)] = b;
            }
        }
    }

    private void AppendMetricsLine(ReadOnlySpan<byte> payload)
    {
        lock (_metricsGate)
        {
            _metricsWriter ??= new FileStream(_launch.ResolvedMetricsPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1);
            _metricsWriter.Write(payload);
            _metricsWriter.WriteByte((byte)'\n');
            _metricsWriter.Flush();
        }
    }

    private async Task PollMetricsAsync()
    {
        string path = _launch.ResolvedMetricsPath;
        long offset = 0;
        var pending = new List<byte>();
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            bool last = _done.IsCancellationRequested;
            offset = ReadNew(path, offset, buffer, pending);
            if (last)
            {
                return;
            }

            try
            {
                await Task.Delay(_launch.MetricsPollInterval, _done.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // One more read after the process ended, then stop.
            }
        }
    }

    private long ReadNew(string path, long offset, byte[] buffer, List<byte> pending)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            if (stream.Length < offset)
            {
                offset = 0; // Truncated and rewritten: read it again from the start.
                pending.Clear();
            }

            stream.Position = offset;
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                offset += n;
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        Deliver(pending);
                        pending.Clear();
                    }
                    else if (pending.Count < MaxMarkerLine)
                    {
                        pending.Add(buffer[i]);
                    }
                }
            }
        }
        catch (FileNotFoundException)
        {
        }
        catch (DirectoryNotFoundException)
        {
        }

        return offset;
    }

    private void Deliver(List<byte> line)
    {
        if (_onMetric is null || line.Count == 0)
        {
            return;
        }

        MetricReport? report = MetricsProtocol.Parse(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line));
        if (report is not null)
        {
            _onMetric(report);
        }
    }

    private string Tail()
    {
        long count = Math.Min(_tailWritten, TailBytes);
        byte[] bytes = new byte[count];
        for (long i = 0; i < count; i++)
        {
            bytes[i] = _tail[(int)((_tailWritten - count + i) % TailBytes)];
        }

        string text = Encoding.UTF8.GetString(bytes);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.TakeLast(12).Select(l => l.Length > 300 ? l[..300] + "…" : l.TrimEnd('\r')));
    }
}
