namespace Wnn.Contracts;

/// <summary>A held-out evaluation of a genome (per experiment, flow or checkpoint).</summary>
public sealed record ValidationSummaryRecord
{
    /// <summary>Database id.</summary>
    public long Id { get; init; }

    /// <summary>Flow it belongs to, if any.</summary>
    public long? FlowId { get; init; }

    /// <summary>Experiment it belongs to, if any.</summary>
    public long? ExperimentId { get; init; }

    /// <summary>Checkpoint evaluated, if any.</summary>
    public long? CheckpointId { get; init; }

    /// <summary>Data split, e.g. <c>validation</c> or <c>test</c>.</summary>
    public required string Split { get; init; }

    /// <summary>Cross-entropy on the split.</summary>
    public required double Ce { get; init; }

    /// <summary>Accuracy on the split.</summary>
    public required double Accuracy { get; init; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime CreatedAt { get; init; }
}
