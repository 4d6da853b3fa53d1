using System.Text.Json.Serialization;

namespace Wnn.Contracts;

/// <summary>A registered genome checkpoint file (<c>.json.gz</c>) with its metadata.</summary>
public sealed record CheckpointRecord
{
    /// <summary>Database id.</summary>
    public required long Id { get; init; }

    /// <summary>Experiment that produced it; null for imported files.</summary>
    public long? ExperimentId { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the file; unique.</summary>
    public required string FilePath { get; init; }

    /// <summary>File size when registered.</summary>
    public required long FileSizeBytes { get; init; }

    /// <summary>When it was registered (UTC).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>Cross-entropy of the genome.</summary>
    public double? FinalFitness { get; init; }

    /// <summary>Accuracy of the genome.</summary>
    public double? FinalAccuracy { get; init; }

    /// <summary>Iterations run when it was written.</summary>
    public int? IterationsRun { get; init; }

    /// <summary>Genome statistics as JSON (clusters, neurons, connections, …); serialized under <c>genome_stats</c>.</summary>
    [JsonPropertyName("genome_stats")]
    [JsonConverter(typeof(RawJsonConverter))]
    public string? GenomeStatsJson { get; init; }

    /// <summary>True for the last checkpoint of an experiment.</summary>
    public bool IsFinal { get; init; }

    /// <summary>Number of flows seeded from it; deletion is refused while positive unless forced.</summary>
    public int ReferenceCount { get; init; }
}
