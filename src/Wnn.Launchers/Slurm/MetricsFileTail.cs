namespace Wnn.Launchers.Slurm;

/// <summary>Reads the lines appended to a metrics file since the last call and hands each metrics object over (the controller side of a trial that runs elsewhere).</summary>
public sealed class MetricsFileTail(string path)
{
    private const int MaxLine = 64 * 1024;
    private readonly List<byte> _pending = [];
    private readonly byte[] _buffer = new byte[64 * 1024];
    private long _offset;

    /// <summary>The file read.</summary>
    public string Path { get; } = path;

    /// <summary>Reads what is new; a truncated file is read again from its start.</summary>
    public void Poll(Action<MetricReport>? onMetric)
    {
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            if (stream.Length < _offset)
            {
                _offset = 0;
                _pending.Clear();
            }

            stream.Position = _offset;
            int n;
            while ((n = stream.Read(_buffer)) > 0)
            {
                _offset += n;
                for (int i = 0; i < n; i++)
                {
                    if (_buffer[i] != (byte)'\n')
                    {
                        if (_pending.Count < MaxLine)
                        {
                            _pending.Add(_buffer[i]);
                        }

                        continue;
                    }

                    if (onMetric is not null && MetricsProtocol.Parse(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending)) is MetricReport report)
                    {
                        onMetric(report);
                    }

                    _pending.Clear();
                }
            }
        }
        catch (FileNotFoundException)
        {
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Starts again from the file's beginning (after it was moved aside for a re-run).</summary>
    public void Reset()
    {
        _offset = 0;
        _pending.Clear();
    }
}
