namespace Wnn.Contracts;

/// <summary>One GA generation or TS iteration of an experiment.</summary>
public sealed record IterationRecord
{
    /// <summary>Database id.</summary>
    public long Id { get; init; }

    /// <summary>Owning experiment.</summary>
    public required long ExperimentId { get; init; }

    /// <summary>Iteration number, from 1.</summary>
    public required int Iteration { get; init; }

    /// <summary>Best cross-entropy in this iteration.</summary>
    public required double BestCe { get; init; }

    /// <summary>Mean cross-entropy of the population or neighborhood.</summary>
    public double? MeanCe { get; init; }

    /// <summary>Best accuracy in this iteration.</summary>
    public double? BestAccuracy { get; init; }

    /// <summary>Mean accuracy.</summary>
    public double? MeanAccuracy { get; init; }

    /// <summary>Acceptance threshold in effect.</summary>
    public double? Threshold { get; init; }

    /// <summary>Iterations without improvement so far.</summary>
    public int? PatienceCounter { get; init; }

    /// <summary>Seconds since the experiment started.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime CreatedAt { get; init; }
}
