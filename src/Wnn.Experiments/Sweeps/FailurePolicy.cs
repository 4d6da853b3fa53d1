namespace Wnn.Experiments.Sweeps;

/// <summary>What a sweep does when a job fails for good (after its retries).</summary>
public enum FailurePolicy
{
    /// <summary>Record it and go on with the other jobs (default).</summary>
    Continue,

    /// <summary>Stop launching, end the running trials (resume re-runs them) and exit non-zero.</summary>
    FailFast,
}
