using System.Globalization;
using System.Text;
using System.Text.Json;
using Wnn.Launchers;

namespace Wnn.Experiments.Sweeps;

/// <summary>What an in-process objective reports through: metrics (the protocol's JSON lines) and log lines.</summary>
public sealed class InProcessTrialContext : IDisposable
{
    private readonly Action<MetricReport> _onMetric;
    private readonly StreamWriter _log;
    private readonly StreamWriter _metrics;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();

    internal InProcessTrialContext(TrialJob job, Action<MetricReport> onMetric)
    {
        _onMetric = onMetric;
        _log = new StreamWriter(new FileStream(job.LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
        _metrics = new StreamWriter(new FileStream(job.MetricsPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
    }

    internal string Tail
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Reports metrics at a step (written to metrics.jsonl and handed to the controller, which may prune).</summary>
    public void Report(int? step, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var fields = new Dictionary<string, object>();
        if (step is int s)
        {
            fields[MetricsProtocol.StepField] = s;
        }

        foreach (KeyValuePair<string, double> kv in values)
        {
            fields[kv.Key] = kv.Value;
        }

        lock (_gate)
        {
            _metrics.WriteLine(JsonSerializer.Serialize(fields));
        }

        _onMetric(new MetricReport(step, values));
    }

    /// <summary>Writes a line to run.log.</summary>
    public void Log(string line)
    {
        lock (_gate)
        {
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 12)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>Writes a formatted line to run.log.</summary>
    public void Log(FormattableString line) => Log(line?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <inheritdoc />
    public void Dispose()
    {
        _log.Dispose();
        _metrics.Dispose();
    }
}
