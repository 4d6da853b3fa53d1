using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>How a sweep run ended.</summary>
public sealed record SweepOutcome
{
    /// <summary>Trials this run finished, by state.</summary>
    public int Complete { get; init; }

    /// <summary>Failed attempts of this run (including retried ones).</summary>
    public int Failed { get; init; }

    /// <summary>Pruned trials of this run.</summary>
    public int Pruned { get; init; }

    /// <summary>Jobs left waiting for a resume (interrupted or never started).</summary>
    public int Remaining { get; init; }

    /// <summary>Ctrl+C, a stop request or fail-fast ended the run early.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Why launching stopped early (early stopping or fail-fast), or null.</summary>
    public string? StopReason { get; init; }

    /// <summary>A job failed for good under the fail-fast policy.</summary>
    public bool FailedFast { get; init; }

    /// <summary>Every failure of this run was the target metric missing, and nothing completed.</summary>
    public bool MetricNeverReported { get; init; }

    /// <summary>The best complete trial of the whole sweep, or null.</summary>
    public FrozenTrial? Best { get; init; }
}
