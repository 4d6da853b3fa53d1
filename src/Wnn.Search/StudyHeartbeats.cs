namespace Wnn.Search;

/// <summary>
/// The heartbeats of one optimize loop: a single dedicated thread that, every interval, records a heartbeat for each trial
/// the loop is running, one after another. Not a timer per trial: timer callbacks run on the thread pool, which the loop's
/// own jobs (and anything else in the process) can keep busy for longer than the grace period, so running trials looked
/// dead; and a slow storage write let a timer's callbacks overlap and pile up on the storage's lock.
/// </summary>
internal sealed class StudyHeartbeats : IDisposable
{
    private readonly IStudyStorage _storage;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly HashSet<long> _trials = [];
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public StudyHeartbeats(IStudyStorage storage, TimeSpan interval)
    {
        _storage = storage;
        _interval = interval;
        _thread = new Thread(Run) { IsBackground = true, Name = "wnn-study-heartbeats" };
        _thread.Start();
    }

    /// <summary>Starts beating for a trial (call when it is claimed).</summary>
    public void Add(long trialId)
    {
        lock (_gate)
        {
            _trials.Add(trialId);
        }
    }

    /// <summary>Stops beating for a trial (call before it is told).</summary>
    public void Remove(long trialId)
    {
        lock (_gate)
        {
            _trials.Remove(trialId);
        }
    }

    /// <summary>Stops the thread and waits for a beat in progress to end.</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Wait(_interval))
        {
            long[] ids;
            lock (_gate)
            {
                ids = [.. _trials];
            }

            foreach (long id in ids)
            {
                if (_stop.IsSet)
                {
                    return;
                }

                Beat(id);
            }
        }
    }

    private void Beat(long trialId)
    {
        try
        {
            _storage.RecordHeartbeat(trialId);
        }
#pragma warning disable CA1031 // A failed beat must not end the process; a trial whose beats keep failing goes stale, as designed.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
