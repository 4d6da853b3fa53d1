namespace Wnn.Ram.Evaluation;

/// <summary>How many evaluations were full or incremental, and how many example positions needed a fallback.</summary>
public sealed class EvaluatorCounters
{
    /// <summary>Full evaluations.</summary>
    public long Full { get; set; }

    /// <summary>Incremental evaluations.</summary>
    public long Incremental { get; set; }

    /// <summary>Positions whose top list was recomputed during incremental evaluations.</summary>
    public long Fallback { get; set; }
}
