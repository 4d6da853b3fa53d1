namespace Wnn.Launchers;

/// <summary>Starts trial processes on this machine, at most <see cref="MaxParallel"/> at a time.</summary>
public sealed class LocalLauncher : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates a launcher with the given number of slots.</summary>
    public LocalLauncher(int maxParallel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        MaxParallel = maxParallel;
        _slots = new SemaphoreSlim(maxParallel, maxParallel);
    }

    /// <summary>How many trials may run at once.</summary>
    public int MaxParallel { get; }

    /// <summary>Waits for a free slot; dispose the lease when the trial is over.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(_slots);
    }

    /// <summary>Starts a trial process (see <see cref="TrialProcess.Start"/>).</summary>
    public static TrialProcess Start(TrialLaunch launch, Action<MetricReport>? onMetric = null) => TrialProcess.Start(launch, onMetric);

    /// <summary>Waits for a slot, runs the trial to its end and frees the slot; cancellation stops the process group.</summary>
    public async Task<TrialExit> RunAsync(TrialLaunch launch, Action<MetricReport>? onMetric, CancellationToken cancellationToken)
    {
        using IDisposable lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        using TrialProcess process = TrialProcess.Start(launch, onMetric);
        using CancellationTokenRegistration stop = cancellationToken.Register(() => process.Stop("cancelled"));
        return await process.Completion.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
