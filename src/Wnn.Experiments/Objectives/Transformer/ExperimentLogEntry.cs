namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// One row of the experiment log CSV: a finished HPO experiment (study) with its best val_loss and the best architecture.
/// The architecture fields are null in rows of logs written before they existed.
/// </summary>
public sealed record ExperimentLogEntry
{
    /// <summary>Experiment (study) name.</summary>
    public required string Experiment { get; init; }

    /// <summary>When the row was written (UTC, ISO-8601).</summary>
    public string Timestamp { get; init; } = string.Empty;

    /// <summary>Budget name such as 200K (empty when none).</summary>
    public string Budget { get; init; } = string.Empty;

    /// <summary>Forecast horizon.</summary>
    public int? Horizon { get; init; }

    /// <summary>Complete trials.</summary>
    public int? Trials { get; init; }

    /// <summary>Number of the best trial.</summary>
    public int? BestTrial { get; init; }

    /// <summary>Best val_loss.</summary>
    public double? ValLoss { get; init; }

    /// <summary>Wall time of the run in seconds.</summary>
    public double? Seconds { get; init; }

    /// <summary>Best architecture: d_model (null in older logs).</summary>
    public int? DModel { get; init; }

    /// <summary>Best architecture: n_layers (null in older logs).</summary>
    public int? NLayers { get; init; }

    /// <summary>Best architecture: n_heads (null in older logs).</summary>
    public int? NHeads { get; init; }

    /// <summary>Best architecture: d_ff (null in older logs).</summary>
    public int? DFf { get; init; }

    /// <summary>Best architecture: param_count (null in older logs).</summary>
    public long? ParamCount { get; init; }

    /// <summary>Other columns of the row (kept when the log is rewritten), e.g. the best training parameters.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
