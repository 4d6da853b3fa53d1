namespace Wnn.Experiments.Sweeps;

/// <summary>What an objective adds to the generic sweep (set by the reader that builds its definition): an observer around the caller's.</summary>
public interface ISweepHooks
{
    /// <summary>The observer the controller uses: one that watches the sweep's jobs (writing its result files, say) and forwards to <paramref name="inner"/>.</summary>
    ISweepObserver Observe(SweepWorkspace workspace, ISweepObserver? inner);
}
